using System.IO.Enumeration;

namespace Gateway.Transports.Folder;

/// <summary>The <c>Pattern</c> of a <c>Folder</c> input: file-name wildcards, several separated by <c>;</c>.</summary>
internal sealed class FolderPattern
{
    private readonly string[] _patterns;

    private FolderPattern(string[] patterns) => _patterns = patterns;

    /// <summary>The parsed pattern, or null with the reason.</summary>
    public static FolderPattern? TryParse(string? text, out string? error)
    {
        var patterns = (text ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (patterns.Length == 0)
        {
            error = "Pattern needs at least one file-name pattern, such as *.csv.";
            return null;
        }

        if (patterns.FirstOrDefault(p => p.Contains('/') || p.Contains('\\')) is { } path)
        {
            error = $"'{path}' is a path; Pattern matches file names only (use Recursive for subfolders).";
            return null;
        }

        error = null;
        return new FolderPattern(patterns);
    }

    /// <summary>Whether <paramref name="fileName"/> (a name, not a path) matches, case-insensitively.</summary>
    public bool Matches(ReadOnlySpan<char> fileName)
    {
        foreach (var pattern in _patterns)
        {
            if (FileSystemName.MatchesSimpleExpression(pattern, fileName, ignoreCase: true))
            {
                return true;
            }
        }

        return false;
    }
}
