using System.Text;
using Gateway.Core.Log;
using Gateway.Core.Messages;

namespace Gateway.Tests.Log;

public sealed class LogEntryCodecTests
{
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
