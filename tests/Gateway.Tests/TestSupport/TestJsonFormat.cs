using System.Text;
using System.Text.Json;
using Gateway.Core.Formats;

namespace Gateway.Tests.TestSupport;

/// <summary>
/// A small, buffering JSON format for tests of converters and pipelines, so they do not depend on the streaming
/// format implementations: a top-level array is a sequence of records, anything else one record.
/// </summary>
internal sealed class TestJsonFormat : DataFormat
{
    public override string Name => "Json";

    public override IReadOnlyList<string> MediaTypes => ["application/json"];

    public override IReadOnlyList<string> Extensions => [".json"];

    public override IRecordReader CreateReader(Stream input, FormatOptions options) => new Reader(input);

    public override IRecordWriter CreateWriter(Stream output, FormatOptions options) => new Writer(output);

    private sealed class Reader : IRecordReader
    {
        private readonly List<ReadOnlyMemory<byte>> _records = [];
        private int _next;

        public Reader(Stream input)
        {
            using var buffer = new MemoryStream();
            input.CopyTo(buffer);
            try
            {
                using var document = JsonDocument.Parse(buffer.ToArray());
                var root = document.RootElement;
                IsSequence = root.ValueKind == JsonValueKind.Array;
                foreach (var record in IsSequence ? root.EnumerateArray().ToList() : [root])
                {
                    _records.Add(Encoding.UTF8.GetBytes(record.GetRawText()));
                }
            }
            catch (JsonException ex)
            {
                throw new FormatReadException($"Malformed JSON: {ex.Message}", $"line {ex.LineNumber + 1}", ex);
            }
        }

        public bool IsSequence { get; }

        public bool TryRead(out ReadOnlyMemory<byte> record)
        {
            record = _next < _records.Count ? _records[_next] : default;
            return _next++ < _records.Count;
        }

        public void Dispose()
        {
        }
    }

    private sealed class Writer(Stream output) : IRecordWriter
    {
        private bool _sequence;
        private bool _first = true;

        public void Begin(bool isSequence)
        {
            _sequence = isSequence;
            if (isSequence)
            {
                output.WriteByte((byte)'[');
            }
        }

        public void Write(ReadOnlySpan<byte> record)
        {
            if (_sequence && !_first)
            {
                output.WriteByte((byte)',');
            }

            _first = false;
            output.Write(record);
        }

        public void Complete()
        {
            if (_sequence)
            {
                output.WriteByte((byte)']');
            }

            output.Flush();
        }

        public void Dispose()
        {
        }
    }
}
