using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Gateway.Core.Messages;

namespace Gateway.Core.Templates;

/// <summary>
/// Text with placeholders filled from a message (and optionally one of its records), parsed once and rendered per
/// message: converter values, MQTT topics, URL paths.
/// <list type="bullet">
/// <item><c>{input}</c>, <c>{id}</c>, <c>{receivedAt}</c> (ISO 8601), <c>{format}</c>: the message's own fields.</item>
/// <item><c>{header:NAME}</c> and <c>{meta:NAME}</c>: the metadata entry NAME (HTTP headers, MQTT properties, ...).</item>
/// <item><c>{topic}</c>: the <c>topic</c> metadata entry; <c>{topic[N]}</c>: its Nth <c>/</c>-separated level, from 0.</item>
/// <item><c>{field:/json/pointer}</c>: a value of the record (strings as they are, other values as JSON text).</item>
/// </list>
/// Placeholder names are case-insensitive; <c>{{</c> and <c>}}</c> write literal braces; a missing value renders
/// as empty text.
/// </summary>
public sealed class MessageTemplate
{
    /// <summary>The metadata key holding a message's topic (MQTT topic, or a topic-like path).</summary>
    public const string TopicMetadataKey = "topic";

    private readonly TemplateSegment[] _segments;
    private readonly string? _constant;

    private MessageTemplate(string text, TemplateSegment[] segments)
    {
        Text = text;
        _segments = segments;
        UsesRecord = segments.Any(s => s.Kind == TemplateSegmentKind.Field);
        if (segments.All(s => s.Kind == TemplateSegmentKind.Literal))
        {
            _constant = string.Concat(segments.Select(s => s.Text));
        }
    }

    /// <summary>The template as written.</summary>
    public string Text { get; }

    /// <summary>True when the template reads record values (<c>{field:...}</c>), so callers must pass the record.</summary>
    public bool UsesRecord { get; }

    /// <summary>True when the template has no placeholder: it renders to the same text for every message.</summary>
    public bool IsConstant => _constant is not null;

    /// <summary>
    /// Parses <paramref name="text"/>; throws <see cref="FormatException"/> for an unknown placeholder or an
    /// unbalanced brace, naming its position.
    /// </summary>
    public static MessageTemplate Parse(string text)
        => TryParse(text, out var template, out var error) ? template : throw new FormatException($"Template '{text}': {error}");

    /// <summary>Parses <paramref name="text"/>, or returns false with a message naming the problem and its position.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out MessageTemplate? template, [NotNullWhen(false)] out string? error)
    {
        template = null;
        if (text is null)
        {
            error = "a template is required.";
            return false;
        }

        var segments = new List<TemplateSegment>();
        if (!TemplateParser.TryParse(text, segments, out error))
        {
            return false;
        }

        template = new MessageTemplate(text, [.. segments]);
        return true;
    }

    /// <summary>
    /// Fills the placeholders from <paramref name="message"/> and, for <c>{field:...}</c>, from
    /// <paramref name="record"/> (empty text when no record is given). <paramref name="encodeValue"/>, when given,
    /// transforms every filled-in value but not the literal text (for example <see cref="Uri.EscapeDataString(string)"/>
    /// for URL paths).
    /// </summary>
    public string Render(Message message, JsonElement? record = null, Func<string, string>? encodeValue = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_constant is not null)
        {
            return _constant;
        }

        var builder = new StringBuilder(Text.Length + 32);
        foreach (var segment in _segments)
        {
            if (segment.Kind == TemplateSegmentKind.Literal)
            {
                builder.Append(segment.Text);
                continue;
            }

            var value = Value(segment, message, record);
            builder.Append(encodeValue is null ? value : encodeValue(value));
        }

        return builder.ToString();
    }

    /// <summary>
    /// Like <see cref="Render(Message, JsonElement?, Func{string, string}?)"/>, but <paramref name="encodeValue"/> is
    /// also told which placeholder a value fills, as written without its braces (<c>topic</c>, <c>field:/id</c>), so
    /// it can judge or refuse the value by where it came from.
    /// </summary>
    public string Render(Message message, JsonElement? record, Func<string, string, string> encodeValue)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(encodeValue);
        if (_constant is not null)
        {
            return _constant;
        }

        var builder = new StringBuilder(Text.Length + 32);
        foreach (var segment in _segments)
        {
            builder.Append(segment.Kind == TemplateSegmentKind.Literal ? segment.Text : encodeValue(segment.Source, Value(segment, message, record)));
        }

        return builder.ToString();
    }

    public override string ToString() => Text;

    private static string Value(in TemplateSegment segment, Message message, JsonElement? record) => segment.Kind switch
    {
        TemplateSegmentKind.Input => message.InputId,
        TemplateSegmentKind.Id => message.Id.ToString("D"),
        TemplateSegmentKind.ReceivedAt => message.ReceivedAt.ToString("O", CultureInfo.InvariantCulture),
        TemplateSegmentKind.Format => message.Format,
        TemplateSegmentKind.Metadata => Metadata(message, segment.Text),
        TemplateSegmentKind.Topic => Metadata(message, TopicMetadataKey),
        TemplateSegmentKind.TopicLevel => TopicLevel(Metadata(message, TopicMetadataKey), segment.Level),
        TemplateSegmentKind.Field => Field(segment, record),
        _ => string.Empty,
    };

    private static string Metadata(Message message, string name)
        => message.Metadata.TryGetValue(name, out var value) ? value : string.Empty;

    private static string TopicLevel(string topic, int level)
    {
        var start = 0;
        for (var i = 0; i < level; i++)
        {
            var slash = topic.IndexOf('/', start);
            if (slash < 0)
            {
                return string.Empty;
            }

            start = slash + 1;
        }

        var end = topic.IndexOf('/', start);
        return end < 0 ? topic[start..] : topic[start..end];
    }

    private static string Field(in TemplateSegment segment, JsonElement? record)
    {
        if (record is not { } root || !segment.Pointer!.TryEvaluate(root, out var value))
        {
            return string.Empty;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Null => string.Empty,
            _ => value.GetRawText(),
        };
    }
}
