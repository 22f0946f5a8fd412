using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Gateway.Core.Messages;

namespace Gateway.Core.Log;

/// <summary>
/// Packs a commit group's entries into one record of the store and back. Per entry: id (16 bytes), receive time
/// (UTC ticks), a conversion error or none, the one sink it is for or none, input id, format, metadata pairs, body; strings and the body are
/// length-prefixed. The store checksums and frames the record, so this needs no magic or checksum of its own; a
/// version byte leads so that a later layout can still read this one.
/// </summary>
internal static class LogEntryCodec
{
    private const byte Version = 1;

    public static byte[] Encode(IReadOnlyList<LogEntry> entries)
    {
        var buffer = new ArrayBufferWriter<byte>(entries.Sum(e => e.Message.Body.Length + 96) + 8);
        buffer.GetSpan(1)[0] = Version;
        buffer.Advance(1);
        WriteInt(buffer, entries.Count);
        foreach (var entry in entries)
        {
            var message = entry.Message;
            message.Id.TryWriteBytes(buffer.GetSpan(16));
            buffer.Advance(16);
            BinaryPrimitives.WriteInt64LittleEndian(buffer.GetSpan(8), message.ReceivedAt.UtcTicks);
            buffer.Advance(8);
            WriteString(buffer, entry.ConversionError);
            WriteString(buffer, entry.OnlySink);
            WriteString(buffer, message.InputId);
            WriteString(buffer, message.Format);
            var metadata = message.HasMetadata ? message.Metadata : null;
            WriteInt(buffer, metadata?.Count ?? 0);
            if (metadata is not null)
            {
                foreach (var (key, value) in metadata)
                {
                    WriteString(buffer, key);
                    WriteString(buffer, value);
                }
            }

            WriteInt(buffer, message.Body.Length);
            buffer.Write(message.Body.Span);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The entries of a record written by <see cref="Encode"/>; bodies are slices of <paramref name="record"/>.</summary>
    /// <exception cref="InvalidDataException">The record is not one this version wrote.</exception>
    public static LogEntry[] Decode(ReadOnlyMemory<byte> record)
    {
        var reader = new Reader(record);
        if (reader.Byte() != Version)
        {
            throw new InvalidDataException($"Unknown log record version {record.Span[0]}.");
        }

        var entries = new LogEntry[reader.Int()];
        for (var i = 0; i < entries.Length; i++)
        {
            var id = new Guid(reader.Bytes(16).Span);
            var receivedAt = new DateTimeOffset(BinaryPrimitives.ReadInt64LittleEndian(reader.Bytes(8).Span), TimeSpan.Zero);
            var error = reader.String();
            var onlySink = reader.String();
            var input = reader.String() ?? string.Empty;
            var format = reader.String() ?? FormatNames.Json;
            var count = reader.Int();
            Dictionary<string, string>? metadata = count == 0 ? null : new(count, StringComparer.OrdinalIgnoreCase);
            for (var m = 0; m < count; m++)
            {
                metadata![reader.String() ?? string.Empty] = reader.String() ?? string.Empty;
            }

            var body = reader.Bytes(reader.Int());
            var message = metadata is null
                ? new Message(body, format, input) { Id = id, ReceivedAt = receivedAt }
                : new Message(body, format, input) { Id = id, ReceivedAt = receivedAt, Metadata = metadata };
            entries[i] = new LogEntry(message, error, onlySink);
        }

        return entries;
    }

    private static void WriteInt(ArrayBufferWriter<byte> buffer, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(buffer.GetSpan(4), value);
        buffer.Advance(4);
    }

    /// <summary>Length -1 is null.</summary>
    private static void WriteString(ArrayBufferWriter<byte> buffer, string? value)
    {
        if (value is null)
        {
            WriteInt(buffer, -1);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        WriteInt(buffer, length);
        buffer.Advance(Encoding.UTF8.GetBytes(value, buffer.GetSpan(length)));
    }

    private struct Reader(ReadOnlyMemory<byte> record)
    {
        private int _offset;

        public byte Byte() => Bytes(1).Span[0];

        public int Int() => BinaryPrimitives.ReadInt32LittleEndian(Bytes(4).Span);

        public string? String()
        {
            var length = Int();
            return length < 0 ? null : Encoding.UTF8.GetString(Bytes(length).Span);
        }

        public ReadOnlyMemory<byte> Bytes(int count)
        {
            if (count < 0 || count > record.Length - _offset)
            {
                throw new InvalidDataException($"A log record ends early (offset {_offset}, {count} more bytes wanted, {record.Length} in all).");
            }

            var slice = record.Slice(_offset, count);
            _offset += count;
            return slice;
        }
    }
}
