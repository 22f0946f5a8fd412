using System.Text;
using Gateway.Converters.Split;
using Gateway.Core.Messages;
using Gateway.Tests.Support;
using static Gateway.Tests.Support.ConverterTestHost;

namespace Gateway.Tests.Converters;

public sealed class SplitConverterTests : IDisposable
{
    private readonly ConverterTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void Splits_a_top_level_array_into_one_message_per_record()
    {
        var pipeline = _host.Build("""[ { "Type": "Split" } ]""");
        var original = new Message(Encoding.UTF8.GetBytes("""[ {"a":1}, "two" ,[3, 4] , null ]"""), FormatNames.Json, "in")
        {
            ReceivedAt = DateTimeOffset.UnixEpoch,
            Metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["topic"] = "t/1" },
        };

        var output = pipeline.Run(original);

        Assert.Equal(["""{"a":1}""", "\"two\"", "[3, 4]", "null"], output.Select(Body));
        var ids = new HashSet<Guid>();
        for (var i = 0; i < output.Count; i++)
        {
            var message = output[i];
            Assert.NotEqual(original.Id, message.Id);
            Assert.Equal(8, message.Id.Version);
            Assert.Equal(MessageIds.Derived(original.Id, i), message.Id);
            Assert.True(ids.Add(message.Id));
            Assert.Equal("in", message.InputId);
            Assert.Equal(FormatNames.Json, message.Format);
            Assert.Equal(DateTimeOffset.UnixEpoch, message.ReceivedAt);
            Assert.Equal("t/1", message.Metadata["topic"]);
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), message.Metadata[SplitConverter.IndexKey]);
            Assert.Equal("4", message.Metadata[SplitConverter.CountKey]);
            Assert.Equal(original.Id.ToString("D"), message.Metadata[SplitConverter.ParentKey]);
        }

        Assert.False(original.Metadata.ContainsKey(SplitConverter.IndexKey));
        Assert.Equal(output.Select(m => m.Id), pipeline.Run(original).Select(m => m.Id)); // split again: the same ids
    }

    [Fact]
    public void A_body_that_is_not_an_array_stays_one_unchanged_message()
    {
        var pipeline = _host.Build("""[ { "Type": "Split" } ]""");
        var original = JsonMessage("""{"items":[1,2]}""");
        var output = Assert.Single(pipeline.Run(original));
        Assert.Same(original, output);
        Assert.False(output.Metadata.ContainsKey(SplitConverter.IndexKey));
    }

    [Fact]
    public void An_empty_array_gives_no_message()
    {
        Assert.Empty(_host.Build("""[ { "Type": "Split" } ]""").Run(JsonMessage("[]")));
    }

    [Fact]
    public void Later_steps_run_on_each_split_message()
    {
        var pipeline = _host.Build("""
            [ { "Type": "Split" },
              { "Type": "Set", "Fields": { "/part": "{meta:split.index}/{meta:split.count}" } } ]
            """);
        var output = pipeline.Run(JsonMessage("""[{"a":1},{"a":2}]"""));
        Assert.Equal(["""{"a":1,"part":"0/2"}""", """{"a":2,"part":"1/2"}"""], output.Select(Body));
    }

    [Fact]
    public void A_byte_order_mark_before_the_array_is_skipped()
    {
        var body = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("[1,2]")).ToArray();
        var output = new List<Message>();
        new SplitConverter().Convert(new Message(body, FormatNames.Json), output);
        Assert.Equal(["1", "2"], output.Select(Body));
    }

    [Fact]
    public void Split_has_no_options()
    {
        var error = Assert.Single(_host.Errors("""[ { "Type": "Split", "Path": "/items" } ]"""));
        Assert.Equal($"{StepsPath}:0:Path: unknown option 'Path'. It takes no options.", error);
    }
}
