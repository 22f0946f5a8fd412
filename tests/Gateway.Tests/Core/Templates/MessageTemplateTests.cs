using System.Text;
using System.Text.Json;
using Gateway.Core.Messages;
using Gateway.Core.Templates;

namespace Gateway.Tests.Core.Templates;

public class MessageTemplateTests
{
    private static readonly Message Sample = new(Encoding.UTF8.GetBytes("{}"), FormatNames.Csv, "plc-tcp")
    {
        Id = Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8057"),
        ReceivedAt = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(1)),
        Metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["topic"] = "sensors/dev 1/data",
            ["Content-Type"] = "text/csv",
        },
    };

    private static string Render(string text, string? record = null)
    {
        var template = MessageTemplate.Parse(text);
        if (record is null)
        {
            return template.Render(Sample);
        }

        using var document = JsonDocument.Parse(record);
        return template.Render(Sample, document.RootElement);
    }

    [Theory]
    [InlineData("{input}", "plc-tcp")]
    [InlineData("{id}", "01890a5d-ac96-774b-bcce-b302099a8057")]
    [InlineData("{receivedAt}", "2025-01-02T03:04:05.0000000+01:00")]
    [InlineData("{format}", "Csv")]
    [InlineData("{topic}", "sensors/dev 1/data")]
    [InlineData("{topic[0]}-{topic[1]}-{topic[2]}-[{topic[3]}]", "sensors-dev 1-data-[]")]
    [InlineData("{header:content-type}|{meta:CONTENT-TYPE}|{meta:none}", "text/csv|text/csv|")]
    [InlineData("{INPUT}/{Topic[1]}", "plc-tcp/dev 1")]
    [InlineData("a{{b}}c", "a{b}c")]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    public void Renders_message_placeholders(string text, string expected)
    {
        Assert.Equal(expected, Render(text));
    }

    [Theory]
    [InlineData("{field:/s}", "text")]
    [InlineData("{field:/n}", "1.50")]
    [InlineData("{field:/b}", "true")]
    [InlineData("{field:/z}", "")]
    [InlineData("{field:/o}", """{"k":[1, 2]}""")]
    [InlineData("{field:/o/k/1}", "2")]
    [InlineData("{field:/missing}", "")]
    [InlineData("{field:/a~1b}", "slash")]
    public void Renders_record_fields(string text, string expected)
    {
        Assert.Equal(expected, Render(text, """{"s":"text","n":1.50,"b":true,"z":null,"o":{"k":[1, 2]},"a/b":"slash"}"""));
    }

    [Fact]
    public void Fields_render_empty_without_a_record()
    {
        var template = MessageTemplate.Parse("[{field:/a}]");
        Assert.True(template.UsesRecord);
        Assert.Equal("[]", template.Render(Sample));
    }

    [Fact]
    public void Encoding_applies_to_values_not_to_literal_text()
    {
        var template = MessageTemplate.Parse("/devices/{topic[1]}/{meta:content-type}?x");
        Assert.Equal("/devices/dev%201/text%2Fcsv?x", template.Render(Sample, encodeValue: Uri.EscapeDataString));
    }

    [Fact]
    public void Constant_templates_are_known()
    {
        Assert.True(MessageTemplate.Parse("a{{b}}").IsConstant);
        Assert.False(MessageTemplate.Parse("a{id}").IsConstant);
        Assert.False(MessageTemplate.Parse("a{id}").UsesRecord);
    }

    [Theory]
    [InlineData("{nope}", "unknown placeholder '{nope}'. Known placeholders: {input}, {id}, {receivedAt}, {format}, {topic}, {topic[N]}, {header:NAME}, {meta:NAME}, {field:/json/pointer}. (at position 0)")]
    [InlineData("ab{input", "unclosed '{' at position 2: a placeholder ends with '}' (write '{{' for a literal brace).")]
    [InlineData("{a{input}", "unclosed '{' at position 0: another '{' follows at position 2 before any '}' (write '{{' for a literal brace).")]
    [InlineData("x}y", "unmatched '}' at position 1 (write '}}' for a literal brace).")]
    [InlineData("{}", "unknown placeholder '{}'.")]
    [InlineData("{header:}", "placeholder '{header:}' needs a name")]
    [InlineData("{topic[-1]}", "placeholder '{topic[-1]}' needs a topic level from 0")]
    [InlineData("{field:x}", "placeholder '{field:x}': 'x' is not a JSON Pointer")]
    [InlineData("{other:x}", "unknown placeholder '{other:x}'.")]
    public void Bad_templates_are_errors_naming_the_problem(string text, string expected)
    {
        Assert.False(MessageTemplate.TryParse(text, out _, out var error));
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
        var ex = Assert.Throws<FormatException>(() => MessageTemplate.Parse(text));
        Assert.StartsWith($"Template '{text}': ", ex.Message, StringComparison.Ordinal);
    }
}
