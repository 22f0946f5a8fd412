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

    /// <summary>
    /// Packs <paramref name="entries"/> into one exactly sized array. Metadata shared by a run of messages (every
    /// message of one TCP connection, say) is encoded once and copied for each.
    /// </summary>
    public static byte[] Encode(IReadOnlyList<LogEntry> entries)
    {
        var metadata = new PackedMetadata[entries.Count];
        var size = 1 + 4;
        PackedMetadata last = default;
        for (var i = 0; i < entries.Count; i++)
        {
            var (message, error, onlySink, _) = entries[i];
            var items = message.MetadataOrNull is { Count: > 0 } present ? present : null;
            metadata[i] = last = items is null ? default
                : ReferenceEquals(items.Storage, last.Storage) ? last
                : new PackedMetadata(items.Storage, Pack(items));
            size += 16 + 8 + StringSize(error) + StringSize(onlySink) + StringSize(message.InputId) + StringSize(message.Format)
                + (metadata[i].Bytes?.Length ?? 4) + 4 + message.Body.Length;
        }

        var record = GC.AllocateUninitializedArray<byte>(size);
        var writer = new Writer(record);
        writer.Byte(Version);
        writer.Int(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var (message, error, onlySink, _) = entries[i];
            message.Id.TryWriteBytes(writer.Take(16));
            BinaryPrimitives.WriteInt64LittleEndian(writer.Take(8), message.ReceivedAt.UtcTicks);
            writer.String(error);
            writer.String(onlySink);
            writer.String(message.InputId);
            writer.String(message.Format);
            if (metadata[i].Bytes is { } packed)
            {
                packed.CopyTo(writer.Take(packed.Length));
            }
            else
            {
                writer.Int(0);
            }

            writer.Int(message.Body.Length);
            message.Body.Span.CopyTo(writer.Take(message.Body.Length));
        }

        return record;
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

    /// <summary>The metadata's count and length-prefixed pairs, as <see cref="Encode"/> writes them.</summary>
    private static byte[] Pack(MetadataDictionary items)
    {
        var size = 4;
        foreach (var (key, value) in items)
        {
            size += StringSize(key) + StringSize(value);
        }

        var packed = new byte[size];
        var writer = new Writer(packed);
        writer.Int(items.Count);
        foreach (var (key, value) in items)
        {
            writer.String(key);
            writer.String(value);
        }

        return packed;
    }

    /// <summary>A length prefix, and the UTF-8 bytes unless null (length -1).</summary>
    private static int StringSize(string? value) => 4 + (value is null ? 0 : Encoding.UTF8.GetByteCount(value));

    /// <summary>Metadata packed once, and the storage it was packed from.</summary>
    private readonly record struct PackedMetadata(object? Storage, byte[]? Bytes);

    private ref struct Writer(Span<byte> record)
    {
        private readonly Span<byte> _record = record;
        private int _offset;

        public Span<byte> Take(int count)
        {
            var span = _record.Slice(_offset, count);
            _offset += count;
            return span;
        }

        public void Byte(byte value) => Take(1)[0] = value;

        public void Int(int value) => BinaryPrimitives.WriteInt32LittleEndian(Take(4), value);

        /// <summary>Length -1 is null.</summary>
        public void String(string? value)
        {
            if (value is null)
            {
                Int(-1);
                return;
            }

            var length = Encoding.UTF8.GetByteCount(value);
            Int(length);
            Encoding.UTF8.GetBytes(value, Take(length));
        }
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
