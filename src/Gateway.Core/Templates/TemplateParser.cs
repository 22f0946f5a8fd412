using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Gateway.Core.Json;

namespace Gateway.Core.Templates;

/// <summary>Cuts template text into literal text and placeholders; every error says what is wrong and where.</summary>
internal static class TemplateParser
{
    internal const string KnownPlaceholders =
        "{input}, {id}, {receivedAt}, {format}, {topic}, {topic[N]}, {header:NAME}, {meta:NAME}, {field:/json/pointer}";

    public static bool TryParse(string text, List<TemplateSegment> segments, [NotNullWhen(false)] out string? error)
    {
        var literal = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '{')
            {
                if (i + 1 < text.Length && text[i + 1] == '{')
                {
                    literal.Append('{');
                    i++;
                    continue;
                }

                var end = text.IndexOf('}', i + 1);
                var nested = text.IndexOf('{', i + 1);
                if (end < 0)
                {
                    error = $"unclosed '{{' at position {i}: a placeholder ends with '}}' (write '{{{{' for a literal brace).";
                    return false;
                }

                if (nested >= 0 && nested < end)
                {
                    error = $"unclosed '{{' at position {i}: another '{{' follows at position {nested} before any '}}' (write '{{{{' for a literal brace).";
                    return false;
                }

                if (!TryParsePlaceholder(text[(i + 1)..end], out var segment, out error))
                {
                    error = $"{error} (at position {i})";
                    return false;
                }

                Flush(literal, segments);
                segments.Add(segment with { Source = text[(i + 1)..end] });
                i = end;
            }
            else if (c == '}')
            {
                if (i + 1 < text.Length && text[i + 1] == '}')
                {
                    literal.Append('}');
                    i++;
                    continue;
                }

                error = $"unmatched '}}' at position {i} (write '}}}}' for a literal brace).";
                return false;
            }
            else
            {
                literal.Append(c);
            }
        }

        Flush(literal, segments);
        error = null;
        return true;
    }

    private static void Flush(StringBuilder literal, List<TemplateSegment> segments)
    {
        if (literal.Length > 0)
        {
            segments.Add(new TemplateSegment(TemplateSegmentKind.Literal, literal.ToString()));
            literal.Clear();
        }
    }

    private static bool TryParsePlaceholder(string inner, out TemplateSegment segment, [NotNullWhen(false)] out string? error)
    {
        error = null;
        segment = default;
        var colon = inner.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            var prefix = inner[..colon];
            var argument = inner[(colon + 1)..];
            if (prefix.Equals("header", StringComparison.OrdinalIgnoreCase) || prefix.Equals("meta", StringComparison.OrdinalIgnoreCase))
            {
                if (argument.Length == 0)
                {
                    error = $"placeholder '{{{inner}}}' needs a name, for example {{{prefix}:content-type}}.";
                    return false;
                }

                segment = new TemplateSegment(TemplateSegmentKind.Metadata, argument);
                return true;
            }

            if (prefix.Equals("field", StringComparison.OrdinalIgnoreCase))
            {
                if (!JsonPointer.TryParse(argument, out var pointer, out var pointerError))
                {
                    error = $"placeholder '{{{inner}}}': {pointerError}";
                    return false;
                }

                segment = new TemplateSegment(TemplateSegmentKind.Field, argument, pointer);
                return true;
            }
        }
        else if (inner.StartsWith("topic[", StringComparison.OrdinalIgnoreCase) && inner.EndsWith(']'))
        {
            var digits = inner["topic[".Length..^1];
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var level))
            {
                error = $"placeholder '{{{inner}}}' needs a topic level from 0, for example {{topic[1]}}.";
                return false;
            }

            segment = new TemplateSegment(TemplateSegmentKind.TopicLevel, Level: level);
            return true;
        }
        else
        {
            TemplateSegmentKind? kind = inner.ToUpperInvariant() switch
            {
                "INPUT" => TemplateSegmentKind.Input,
                "ID" => TemplateSegmentKind.Id,
                "RECEIVEDAT" => TemplateSegmentKind.ReceivedAt,
                "FORMAT" => TemplateSegmentKind.Format,
                "TOPIC" => TemplateSegmentKind.Topic,
                _ => null,
            };
            if (kind is { } known)
            {
                segment = new TemplateSegment(known);
                return true;
            }
        }

        error = $"unknown placeholder '{{{inner}}}'. Known placeholders: {KnownPlaceholders}.";
        return false;
    }
}
