namespace Gateway.Formats.Csv;

/// <summary>
/// <c>Delimiter</c> <c>auto</c>: picks <c>,</c> <c>;</c> tab or <c>|</c> from the first lines of the input. The
/// delimiter that occurs the same number of times on every line (outside quotes) wins, the one that occurs most
/// often when several do; without such a one, the most frequent one of the first line; without any, <c>,</c>.
/// The bytes read to decide are served again by the returned stream.
/// </summary>
internal static class CsvDelimiterSniffer
{
    private const int SampleBytes = 64 * 1024;
    private const int SampleLines = 20;
    private static readonly byte[] Candidates = [(byte)',', (byte)';', (byte)'\t', (byte)'|'];

    /// <summary>The delimiter of <paramref name="input"/>, and a stream that reads it from the start.</summary>
    public static string Sniff(Stream input, out Stream replay)
    {
        var sample = new byte[SampleBytes];
        var length = 0;
        int read;
        while (length < sample.Length && (read = input.Read(sample, length, sample.Length - length)) > 0)
        {
            length += read;
        }

        replay = new ReplayStream(sample.AsMemory(0, length), input, complete: length < sample.Length);
        return ((char)Pick(sample.AsSpan(0, length), endOfInput: length < sample.Length)).ToString();
    }

    /// <summary>The delimiter of a sample of the input; <paramref name="endOfInput"/> tells whether its last line is complete.</summary>
    public static byte Pick(ReadOnlySpan<byte> sample, bool endOfInput)
    {
        Span<int> first = stackalloc int[Candidates.Length];
        Span<int> line = stackalloc int[Candidates.Length];
        Span<bool> consistent = stackalloc bool[Candidates.Length];
        consistent.Fill(true);
        var lines = 0;
        var quoted = false;
        var empty = true;
        for (var i = 0; i <= sample.Length && lines < SampleLines; i++)
        {
            var end = i == sample.Length;
            if (end && !endOfInput)
            {
                break; // an incomplete last line says nothing about counts
            }

            var b = end ? (byte)'\n' : sample[i];
            if (b == '"')
            {
                quoted = !quoted;
            }
            else if (quoted)
            {
                continue;
            }
            else if (b is (byte)'\n' or (byte)'\r')
            {
                if (!empty)
                {
                    for (var c = 0; c < Candidates.Length; c++)
                    {
                        if (lines == 0)
                        {
                            first[c] = line[c];
                        }

                        consistent[c] &= line[c] > 0 && line[c] == first[c];
                    }

                    lines++;
                }

                line.Clear();
                empty = true;
                continue;
            }
            else if (Candidates.AsSpan().IndexOf(b) is var c and >= 0)
            {
                line[c]++;
            }

            empty = false;
        }

        var best = -1;
        for (var c = 0; c < Candidates.Length; c++)
        {
            if (lines > 0 && consistent[c] && (best < 0 || first[c] > first[best]))
            {
                best = c;
            }
        }

        if (best < 0)
        {
            for (var c = 0; c < Candidates.Length; c++)
            {
                if (first[c] > 0 && (best < 0 || first[c] > first[best]))
                {
                    best = c;
                }
            }
        }

        return Candidates[Math.Max(best, 0)];
    }

    /// <summary>The usual delimiter other than <paramref name="delimiter"/> that <paramref name="row"/> holds most often, or 0.</summary>
    public static byte MostFrequentOther(ReadOnlySpan<byte> row, string delimiter)
    {
        byte best = 0;
        var bestCount = 0;
        foreach (var candidate in Candidates)
        {
            var count = row.Count(candidate);
            if (count > bestCount && !(delimiter.Length == 1 && delimiter[0] == candidate))
            {
                (best, bestCount) = (candidate, count);
            }
        }

        return best;
    }

    /// <summary>The sample, then the rest of the input.</summary>
    private sealed class ReplayStream(ReadOnlyMemory<byte> sample, Stream rest, bool complete) : Stream
    {
        private ReadOnlyMemory<byte> _sample = sample;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_sample.IsEmpty)
            {
                return complete ? 0 : rest.Read(buffer);
            }

            var n = Math.Min(buffer.Length, _sample.Length);
            _sample.Span[..n].CopyTo(buffer);
            _sample = _sample[n..];
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
