using System.Text;
using Gateway.Core.Log;
using Gateway.Core.Messages;

namespace Gateway.Tests.Log;

public sealed class LogEntryCodecTests
{
    [Fact]
    public void Metadata_shared_by_a_run_of_messages_is_packed_once_and_read_back_for_each()
    {
        var connection = new MetadataDictionary { ["remote"] = "127.0.0.1:5000", ["local"] = "127.0.0.1:5020" };
        var other = new MetadataDictionary { ["topic"] = "a/é" };
        Message Make(MetadataDictionary? metadata) => metadata is null
            ? new Message("{}"u8.ToArray(), FormatNames.Json, "in")
            : new Message("{}"u8.ToArray(), FormatNames.Json, "in") { Metadata = metadata };
        var changed = Make(connection);
        changed.Metadata["remote"] = "changed";
        var emptied = Make(connection);
        emptied.Metadata.Clear();
        Message[] messages = [Make(connection), Make(connection), Make(other), Make(connection), changed, Make(null), emptied, Make(connection)];

        var decoded = LogEntryCodec.Decode(LogEntryCodec.Encode([.. messages.Select(m => new LogEntry(m, null))]));

        Assert.Equal(messages.Length, decoded.Length);
        for (var i = 0; i < messages.Length; i++)
        {
            KeyValuePair<string, string>[] expected = messages[i].HasMetadata ? [.. messages[i].Metadata.OrderBy(p => p.Key)] : [];
            KeyValuePair<string, string>[] actual = decoded[i].Message.HasMetadata ? [.. decoded[i].Message.Metadata.OrderBy(p => p.Key)] : [];
            Assert.Equal(expected, actual);
        }

        Assert.Equal("changed", decoded[4].Message.Metadata["remote"]);
        Assert.Equal("127.0.0.1:5000", decoded[7].Message.Metadata["REMOTE"]);
    }

    [Fact]
    public void Every_field_of_every_entry_survives_the_round_trip()
    {
        var withMetadata = new Message(Encoding.UTF8.GetBytes("""{"a":"é"}"""), FormatNames.Json, "in")
        {
            Metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["topic"] = "a/b", ["Content-Type"] = "application/json" },
        };
        var refused = new Message(Encoding.UTF8.GetBytes("a,b\n1"), FormatNames.Csv, "plc");
        var empty = new Message(ReadOnlyMemory<byte>.Empty, FormatNames.Json, string.Empty);
        LogEntry[] entries = [new(withMetadata, null), new(refused, "line 2: too few fields"), new(empty, null, "erp")];

        var decoded = LogEntryCodec.Decode(LogEntryCodec.Encode(entries));

        Assert.Equal(3, decoded.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            var (expected, actual) = (entries[i], decoded[i]);
            Assert.Equal(expected.Message.Id, actual.Message.Id);
            Assert.Equal(expected.Message.ReceivedAt, actual.Message.ReceivedAt);
            Assert.Equal(expected.Message.InputId, actual.Message.InputId);
            Assert.Equal(expected.Message.Format, actual.Message.Format);
            Assert.Equal(expected.Message.Body.ToArray(), actual.Message.Body.ToArray());
            Assert.Equal(expected.ConversionError, actual.ConversionError);
            Assert.Equal(expected.OnlySink, actual.OnlySink);
            Assert.Null(actual.Tracker);
        }

        Assert.Equal("a/b", decoded[0].Message.Metadata["TOPIC"]);
        Assert.Equal(2, decoded[0].Message.Metadata.Count);
        Assert.False(decoded[1].Message.HasMetadata);
    }

    [Fact]
    public void A_record_cut_short_is_an_error_not_a_crash_or_garbage()
    {
        var record = LogEntryCodec.Encode([new LogEntry(new Message("{\"a\":1}"u8.ToArray(), FormatNames.Json, "in"), null)]);

        for (var length = 0; length < record.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => LogEntryCodec.Decode(record.AsMemory(0, length)));
        }
    }
}
