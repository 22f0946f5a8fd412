using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Gateway.Core.Json;

/// <summary>
/// A JSON Pointer (RFC 6901): <c>""</c> is the whole document, <c>/address/zip</c> a nested property,
/// <c>/lines/0</c> an array element. In a token <c>~1</c> stands for <c>/</c> and <c>~0</c> for <c>~</c>.
/// </summary>
public sealed class JsonPointer
{
    private readonly string[] _tokens;

    private JsonPointer(string text, string[] tokens)
    {
        Text = text;
        _tokens = tokens;
    }

    /// <summary>The pointer as written, escapes included.</summary>
    public string Text { get; }

    /// <summary>The unescaped reference tokens, from the root down. Empty for the whole document.</summary>
    public IReadOnlyList<string> Tokens => _tokens;

    /// <summary>True for <c>""</c>, the pointer to the whole document.</summary>
    public bool IsRoot => _tokens.Length == 0;

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static JsonPointer Parse(string text)
        => TryParse(text, out var result, out var error) ? result : throw new FormatException(error);

    /// <summary>Parses <paramref name="text"/>, or returns false with a message a person can act on.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out JsonPointer? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        if (text is null)
        {
            error = "a JSON Pointer is required.";
            return false;
        }

        if (text.Length == 0)
        {
            result = new JsonPointer(text, []);
            error = null;
            return true;
        }

        if (text[0] != '/')
        {
            error = $"'{text}' is not a JSON Pointer: it must start with '/' (for example /address/zip).";
            return false;
        }

        var parts = text[1..].Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            if (!TryUnescape(parts[i], out var token))
            {
                error = $"'{text}' is not a valid JSON Pointer: '~' must be followed by 0 (for '~') or 1 (for '/').";
                return false;
            }

            parts[i] = token;
        }

        result = new JsonPointer(text, parts);
        error = null;
        return true;
    }

    /// <summary>Escapes a property name for use as a token: <c>~</c> becomes <c>~0</c>, <c>/</c> becomes <c>~1</c>.</summary>
    public static string Escape(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
    }

    /// <summary>
    /// Reads a token as an array index: <c>0</c> or digits without a leading zero (RFC 6901). <c>-</c> (past the
    /// end) is not an index.
    /// </summary>
    public static bool TryGetArrayIndex(string token, out int index)
    {
        ArgumentNullException.ThrowIfNull(token);
        index = -1;
        if (token.Length == 0 || (token.Length > 1 && token[0] == '0'))
        {
            return false;
        }

        foreach (var c in token)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out index))
        {
            index = -1;
            return false;
        }

        return true;
    }

    /// <summary>Finds the value this pointer refers to inside <paramref name="root"/>.</summary>
    public bool TryEvaluate(JsonElement root, out JsonElement value)
    {
        value = root;
        foreach (var token in _tokens)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    if (!value.TryGetProperty(token, out value))
                    {
                        return false;
                    }

                    break;
                case JsonValueKind.Array:
                    if (!TryGetArrayIndex(token, out var index) || index >= value.GetArrayLength())
                    {
                        value = default;
                        return false;
                    }

                    value = value[index];
                    break;
                default:
                    value = default;
                    return false;
            }
        }

        return true;
    }

    public override string ToString() => Text;

    private static bool TryUnescape(string part, out string token)
    {
        token = part;
        var tilde = part.IndexOf('~', StringComparison.Ordinal);
        if (tilde < 0)
        {
            return true;
        }

        var builder = new StringBuilder(part.Length);
        for (var i = 0; i < part.Length; i++)
        {
            var c = part[i];
            if (c != '~')
            {
                builder.Append(c);
                continue;
            }

            if (i + 1 >= part.Length || part[i + 1] is not ('0' or '1'))
            {
                return false;
            }

            builder.Append(part[++i] == '0' ? '~' : '/');
        }

        token = builder.ToString();
        return true;
    }
}
