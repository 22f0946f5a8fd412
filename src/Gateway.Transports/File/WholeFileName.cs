using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Gateway.Core.Messages;
using Gateway.Core.Templates;
using Gateway.Transports.Folder;

namespace Gateway.Transports.Files;

/// <summary>
/// The <c>FileName</c> of a <c>File</c> sink in <c>WholeFile</c> mode: a message template (<c>{input}</c>,
/// <c>{meta:NAME}</c>, ...) plus the input file's <c>{name}</c> (<c>orders.csv</c>), <c>{stem}</c> (<c>orders</c>) and
/// <c>{ext}</c> (<c>csv</c>), from <see cref="FolderMetadata.Name"/>, and <c>{date}</c> or <c>{date:FORMAT}</c> (a .NET
/// date format, default <c>yyyyMMdd</c>): the UTC time the output file is completed.
/// </summary>
internal sealed class WholeFileName
{
    private readonly List<Piece> _pieces;

    private WholeFileName(string text, List<Piece> pieces)
    {
        Text = text;
        _pieces = pieces;
    }

    public string Text { get; }

    public static bool TryParse(string text, [NotNullWhen(true)] out WholeFileName? name, [NotNullWhen(false)] out string? error)
    {
        name = null;
        var pieces = new List<Piece>();
        var template = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var pair = i + 1 < text.Length && text[i + 1] == text[i] && text[i] is '{' or '}';
            var end = text[i] == '{' && !pair ? text.IndexOf('}', i + 1) : -1;
            var token = end > i ? text[(i + 1)..end] : null;
            if (token is "name" or "stem" or "ext" || token == "date" || token?.StartsWith("date:", StringComparison.Ordinal) == true)
            {
                if (!Flush(template, pieces, out error))
                {
                    return false;
                }

                var format = token.StartsWith("date", StringComparison.Ordinal) ? (token.Length > 5 ? token[5..] : "yyyyMMdd") : null;
                if (format is not null && !IsDateFormat(format))
                {
                    error = $"'{{{token}}}': '{format}' is not a .NET date format such as yyyyMMdd or yyyy-MM-dd'T'HHmmss.";
                    return false;
                }

                pieces.Add(new Piece(null, token.StartsWith("date", StringComparison.Ordinal) ? "date" : token, format));
                i = end;
                continue;
            }

            template.Append(text[i]);
            if (pair)
            {
                template.Append(text[++i]);
            }
        }

        if (!Flush(template, pieces, out error))
        {
            return false;
        }

        name = new WholeFileName(text, pieces);
        return true;
    }

    /// <summary>The name for the file <paramref name="message"/> completes, with each filled-in value cleaned by <paramref name="clean"/>.</summary>
    public string Render(Message message, DateTimeOffset now, Func<string, string> clean)
    {
        var file = message.Metadata.TryGetValue(FolderMetadata.Name, out var path) ? path[(path.LastIndexOf('/') + 1)..] : string.Empty;
        var builder = new StringBuilder();
        foreach (var piece in _pieces)
        {
            builder.Append(piece switch
            {
                { Template: { } template } => template.Render(message, encodeValue: clean),
                { Kind: "name" } => clean(file),
                { Kind: "stem" } => clean(Path.GetFileNameWithoutExtension(file)),
                { Kind: "ext" } => clean(Path.GetExtension(file).TrimStart('.')),
                _ => clean(now.ToString(piece.DateFormat, CultureInfo.InvariantCulture)),
            });
        }

        return builder.ToString();
    }

    private static bool Flush(StringBuilder template, List<Piece> pieces, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (template.Length == 0)
        {
            return true;
        }

        if (!MessageTemplate.TryParse(template.ToString(), out var parsed, out var problem))
        {
            error = $"{problem} Besides these, WholeFile mode knows {{name}}, {{stem}}, {{ext}} and {{date:FORMAT}}.";
            return false;
        }

        pieces.Add(new Piece(parsed, null, null));
        template.Clear();
        return true;
    }

    private static bool IsDateFormat(string format)
    {
        try
        {
            _ = DateTimeOffset.UnixEpoch.ToString(format, CultureInfo.InvariantCulture);
            return format.Length > 1; // One letter is a standard format (d, O, ...), most of which hold '/' or ':'.
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private sealed record Piece(MessageTemplate? Template, string? Kind, string? DateFormat);
}
