using System.Text;
using Gateway.Core.Delivery;
using Gateway.Core.Formats;
using Gateway.Core.Messages;
using Gateway.Formats.Csv;
using Gateway.Formats.Json;
using Gateway.Formats.Ndjson;
using Gateway.Formats.Xml;

namespace Gateway.Tests.Delivery;

/// <summary>
/// A sink's encoder is reused from message to message: each message must still come out exactly as a conversion of
/// that message alone would write it, whatever the messages before it held or how they failed.
/// </summary>
public sealed class SinkEncoderTests
{
    private static readonly JsonFormat Json = new();

    public static TheoryData<string> Sequences => new()
    {
        // Same fields (the header's names are reused), then other fields, fewer, more, another order, a single record.
        """[{"a":1,"b":"x"}]|[{"a":2,"b":"y"},{"a":3}]|[{"b":"z","a":4}]|[{"c":true,"d":{"e":null}}]|{"a":5,"b":"w","c":[1,2]}|[{"a":6,"b":"v"}]""",
        // Empty sequences and a header-only document between records.
        """[]|[{"a":1}]|[]|[{"a":2}]""",
    };

    [Theory]
    [MemberData(nameof(Sequences))]
    public void Every_csv_message_is_encoded_as_if_it_were_alone(string sequence)
    {
        foreach (var hasHeader in new[] { true, false })
        {
            var options = new FormatOptions { HasHeader = hasHeader };
            var encoder = new SinkEncoder(new CsvFormat(), options);
            foreach (var json in sequence.Split('|'))
            {
                Assert.Equal(Alone(json, new CsvFormat(), options), Encode(encoder, json));
            }
        }
    }

    [Fact]
    public void A_message_that_fails_halfway_leaves_nothing_behind_for_the_next()
    {
        var options = new FormatOptions();
        var encoder = new SinkEncoder(new CsvFormat(), options);
        Assert.Equal("a,b\n1,2\n", Encode(encoder, """[{"a":1,"b":2}]""").ReplaceLineEndings("\n"));

        // The second record has a field the first one's header lacks: the message is refused, naming the record.
        var error = Assert.Throws<FormatReadException>(() => Encode(encoder, """[{"a":3,"b":4},{"a":5,"z":6}]"""));
        Assert.Contains("Record 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("'z'", error.Message, StringComparison.Ordinal);

        Assert.Equal("a,b\n7,8\n", Encode(encoder, """[{"a":7,"b":8}]""").ReplaceLineEndings("\n"));
        Assert.Equal("z\n9\n", Encode(encoder, """[{"z":9}]""").ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("Ndjson")]
    [InlineData("Xml")]
    public void Formats_without_a_reusable_writer_encode_each_message_alone(string name)
    {
        DataFormat format = name == "Xml" ? new XmlFormat() : new NdjsonFormat();
        var options = new FormatOptions();
        var encoder = new SinkEncoder(format, options);
        foreach (var json in new[] { """[{"a":1},{"a":2}]""", """{"b":"x"}""", """[{"c":[1,{"d":2}]}]""" })
        {
            Assert.Equal(Alone(json, format, options), Encode(encoder, json));
        }
    }

    [Fact]
    public void Json_sinks_get_the_canonical_body_itself_and_a_failed_conversion_keeps_its_body()
    {
        var encoder = new SinkEncoder(Json, new FormatOptions());
        var canonical = new Message(Encoding.UTF8.GetBytes("""[{"a":1}]"""), FormatNames.Json, "in");
        Assert.True(encoder.Encode(canonical).Body.Equals(canonical.Body));

        var csvEncoder = new SinkEncoder(new CsvFormat(), new FormatOptions());
        var refused = new Message(Encoding.UTF8.GetBytes("a,b\n1"), FormatNames.Csv, "in");
        var outgoing = csvEncoder.Encode(refused);
        Assert.Equal(FormatNames.Csv, outgoing.Format);
        Assert.True(outgoing.Body.Equals(refused.Body));
    }

    [Fact]
    public void A_large_message_is_encoded_whole_and_the_next_small_one_still_right()
    {
        var options = new FormatOptions();
        var encoder = new SinkEncoder(new CsvFormat(), options);
        var large = "[" + string.Join(",", Enumerable.Range(0, 40_000).Select(i => $$"""{"id":{{i}},"text":"line {{i}} with some text"}""")) + "]";
        Assert.Equal(Alone(large, new CsvFormat(), options), Encode(encoder, large));
        Assert.Equal(Alone("""[{"id":1}]""", new CsvFormat(), options), Encode(encoder, """[{"id":1}]"""));
    }

    private static string Encode(SinkEncoder encoder, string json)
        => Encoding.UTF8.GetString(encoder.Encode(new Message(Encoding.UTF8.GetBytes(json), FormatNames.Json, "in")).Body.Span);

    private static string Alone(string json, DataFormat format, FormatOptions options)
        => Encoding.UTF8.GetString(FormatConverter.Convert(Encoding.UTF8.GetBytes(json), Json, format, options, out _));
}
