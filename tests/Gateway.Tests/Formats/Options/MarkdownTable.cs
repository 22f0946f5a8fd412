using System.Text.RegularExpressions;
using Gateway.Tests.Support;

namespace Gateway.Tests.Formats.Options;

/// <summary>Reads a table of a Markdown file in the repository: the rows under a given header line, as cells.</summary>
internal static partial class MarkdownTable
{
    /// <summary>The rows of the table whose header is <paramref name="header"/> in <paramref name="relativePath"/>, each as trimmed cells.</summary>
    public static List<string[]> Rows(string relativePath, string header)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryFiles.Root, relativePath));
        var start = Array.FindIndex(lines, l => l.Trim() == header);
        Assert.True(start >= 0, $"{relativePath} has no table headed '{header}'.");
        return
        [
            .. lines.Skip(start + 2)
                .TakeWhile(l => l.StartsWith('|'))
                .Select(l => CellSeparator().Split(l.Trim().Trim('|')).Select(c => c.Trim()).ToArray()),
        ];
    }

    /// <summary>The texts in backquotes in <paramref name="cell"/>, in order.</summary>
    public static List<string> Code(string cell) => [.. CodeSpan().Matches(cell).Select(m => m.Groups[1].Value)];

    /// <summary>A cell without its backquotes.</summary>
    public static string Plain(string cell) => cell.Replace("`", string.Empty, StringComparison.Ordinal);

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex CellSeparator();

    [GeneratedRegex("`([^`]*)`")]
    private static partial Regex CodeSpan();
}
