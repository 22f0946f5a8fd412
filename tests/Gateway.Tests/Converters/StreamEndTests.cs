using System.Text;
using Gateway.Core.Messages;
using Gateway.Tests.Support;
using static Gateway.Tests.Support.ConverterTestHost;

namespace Gateway.Tests.Converters;

/// <summary>The end-of-file mark of a Folder input's last record survives the route's converters (StreamEnd).</summary>
public sealed class StreamEndTests : IDisposable
{
    private readonly ConverterTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void A_split_last_record_carries_the_mark_on_its_last_part_only()
    {
        var pipeline = _host.Build("""[ { "Type": "Split" } ]""");

        var outputs = pipeline.Run(Last("""[{"p":"a"},{"p":"b"},{"p":"c"}]"""));

        Assert.Equal(["""{"p":"a"}""", """{"p":"b"}""", """{"p":"c"}"""], outputs.Select(m => Encoding.UTF8.GetString(m.Body.Span)));
        Assert.Equal([false, false, true], outputs.Select(StreamEnd.IsLast));
        Assert.DoesNotContain(outputs, StreamEnd.IsMarker);
    }

    [Fact]
    public void A_dropped_last_record_leaves_an_end_marker_with_its_metadata()
    {
        var pipeline = _host.Build("""[ { "Type": "Filter", "Expression": "keep" } ]""");
        var last = Last("""{"keep":false}""");

        var marker = Assert.Single(pipeline.Run(last));

        Assert.True(StreamEnd.IsMarker(marker));
        Assert.True(StreamEnd.IsLast(marker));
        Assert.Equal(0, marker.Body.Length);
        Assert.Equal("orders.csv", marker.Metadata["file.name"]);
        Assert.Equal(last.Id, marker.Id);
    }

    [Fact]
    public void A_dropped_record_that_is_not_last_leaves_nothing_and_a_kept_last_one_no_marker()
    {
        var pipeline = _host.Build("""[ { "Type": "Filter", "Expression": "keep" } ]""");

        Assert.Empty(pipeline.Run(JsonMessage("""{"keep":false}""")));
        var kept = Assert.Single(pipeline.Run(Last("""{"keep":true}""")));
        Assert.True(StreamEnd.IsLast(kept));
        Assert.False(StreamEnd.IsMarker(kept));
    }

    private static Message Last(string json)
    {
        var message = JsonMessage(json);
        message.Metadata["file.name"] = "orders.csv";
        message.Metadata[StreamEnd.Key] = "true";
        return message;
    }
}
