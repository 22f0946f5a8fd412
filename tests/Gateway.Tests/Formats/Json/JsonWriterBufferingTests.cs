using System.Text;
using Gateway.Core.Formats;
using Gateway.Formats.Json;

namespace Gateway.Tests.Formats.Json;

/// <summary>The JSON writer batches small records in a pooled buffer and writes large ones straight through.</summary>
public sealed class JsonWriterBufferingTests
{
    [Theory]
    [InlineData(1, 10)]
    [InlineData(3000, 30)] // many small records: the buffer grows and flushes
    [InlineData(5, 100_000)] // records over the flush threshold go straight to the stream
    public void Writes_every_record_in_order(int records, int size)
    {
        var expected = new StringBuilder("[");
        using var stream = new MemoryStream();
        using (var writer = new JsonFormat().CreateWriter(stream, new FormatOptions()))
        {
            writer.Begin(isSequence: true);
            for (var i = 0; i < records; i++)
            {
                var record = $"{{\"i\":{i},\"s\":\"{new string((char)('a' + (i % 26)), size)}\"}}";
                expected.Append(i == 0 ? string.Empty : ",").Append(record);
                writer.Write(Encoding.UTF8.GetBytes(record));
            }

            writer.Complete();
        }

        Assert.Equal(expected.Append(']').ToString(), Encoding.UTF8.GetString(stream.ToArray()));
    }
}
