using System.Diagnostics.CodeAnalysis;

namespace Gateway.Transports.Nats;

/// <summary>The rules for NATS subjects (tokens separated by dots) and JetStream stream and consumer names.</summary>
internal static class NatsNames
{
    /// <summary>A subject to subscribe to: <c>*</c> matches one token, <c>&gt;</c> (last token only) the rest.</summary>
    public static bool TryValidateFilter(string? subject, [NotNullWhen(false)] out string? error) => TryValidate(subject, wildcards: true, out error);

    /// <summary>A subject to publish to: no wildcards.</summary>
    public static bool TryValidateSubject(string? subject, [NotNullWhen(false)] out string? error) => TryValidate(subject, wildcards: false, out error);

    /// <summary>A stream, consumer or durable name: no whitespace, dots, wildcards or path separators.</summary>
    public static bool TryValidateName(string? name, [NotNullWhen(false)] out string? error)
    {
        if (string.IsNullOrEmpty(name))
        {
            error = "a name is required.";
            return false;
        }

        var bad = name.FirstOrDefault(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '.' or '*' or '>' or '/' or '\\');
        error = bad == default ? null : $"'{name}' is not a JetStream name: it must not contain '{(char.IsWhiteSpace(bad) || char.IsControl(bad) ? "whitespace" : bad.ToString())}'.";
        return error is null;
    }

    /// <summary>
    /// The subject a stream needs to take every subject <paramref name="template"/> renders to: each token that holds
    /// a placeholder becomes <c>*</c> (<c>orders.{input}</c> gives <c>orders.*</c>). Dots inside placeholders do not
    /// split tokens.
    /// </summary>
    public static string StreamSubjectOf(string template)
    {
        var tokens = new List<string>();
        var token = new System.Text.StringBuilder();
        var templated = false;
        var depth = 0;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (depth == 0 && (c is '{' or '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                token.Append(c); // an escaped brace is literal text
                i++;
            }
            else if (c == '{')
            {
                depth++;
                templated = true;
            }
            else if (c == '}' && depth > 0)
            {
                depth--;
            }
            else if (c == '.' && depth == 0)
            {
                tokens.Add(templated ? "*" : token.ToString());
                token.Clear();
                templated = false;
            }
            else if (depth == 0)
            {
                token.Append(c);
            }
        }

        tokens.Add(templated ? "*" : token.ToString());
        return string.Join('.', tokens);
    }

    private static bool TryValidate(string? subject, bool wildcards, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(subject))
        {
            error = "a subject is required, for example \"orders.created\".";
            return false;
        }

        var tokens = subject.Split('.');
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            if (token.Length == 0)
            {
                error = $"'{subject}' has an empty token (two dots, or a dot at the start or end).";
            }
            else if (token.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                error = $"'{subject}' contains whitespace; NATS subjects cannot.";
            }
            else if (!wildcards && (token == "*" || token == ">"))
            {
                error = $"'{subject}' has a wildcard ('{token}'); a message is published to one subject.";
            }
            else if (token.Length > 1 && (token.Contains('*', StringComparison.Ordinal) || token.Contains('>', StringComparison.Ordinal)))
            {
                error = $"'{subject}': a wildcard must be a whole token ('{token}').";
            }
            else if (token == ">" && i != tokens.Length - 1)
            {
                error = $"'{subject}': '>' must be the last token.";
            }

            if (error is not null)
            {
                return false;
            }
        }

        return true;
    }
}
