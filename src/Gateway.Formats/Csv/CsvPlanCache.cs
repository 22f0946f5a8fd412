using Gateway.Core.Formats;

namespace Gateway.Formats.Csv;

/// <summary>
/// The plans of recently read headers, so that a small document whose header was seen before (every request of one
/// client, every message of one device) skips decoding the names and building the plan. A plan is found by the
/// header's raw bytes, its field count and the options that shape it (<see cref="CsvReadSettings"/>). Only headers
/// that produced a plan are added, so a header with an error is checked (and reported) again every time.
/// </summary>
/// <remarks>
/// Readers on many threads share one cache. It holds a few immutable entries in fixed slots (chosen by a hash of the
/// header), each replaced whole by a single reference write: a reader sees an old entry or a new one, never half of
/// one, so no lock is needed. Two headers that share a slot evict each other, which only costs a rebuild.
/// </remarks>
internal sealed class CsvPlanCache
{
    /// <summary>Longer headers are not cached: they are rare, and their bytes would stay in memory.</summary>
    public const int MaxHeaderBytes = 4096;

    private const int Slots = 16;

    private readonly Entry?[] _entries = new Entry?[Slots];

    /// <summary>The cache of every CSV reader of the process.</summary>
    public static CsvPlanCache Shared { get; } = new();

    /// <summary>The plan cached for this header (raw bytes as in the input, without the line break), or null.</summary>
    public CsvRecordPlan? Find(ReadOnlySpan<byte> header, int fieldCount, FormatOptions options)
    {
        if (header.Length > MaxHeaderBytes)
        {
            return null;
        }

        var entry = Volatile.Read(ref _entries[Slot(header, fieldCount)]);
        return entry is not null && entry.FieldCount == fieldCount && header.SequenceEqual(entry.Header) && entry.Settings.Matches(options)
            ? entry.Plan
            : null;
    }

    /// <summary>Keeps <paramref name="plan"/>, built from this header with these options, for the next document.</summary>
    public void Add(ReadOnlySpan<byte> header, int fieldCount, FormatOptions options, CsvRecordPlan plan)
    {
        if (header.Length > MaxHeaderBytes)
        {
            return;
        }

        var entry = new Entry(header.ToArray(), fieldCount, new CsvReadSettings(options), plan);
        Volatile.Write(ref _entries[Slot(header, fieldCount)], entry);
    }

    private static int Slot(ReadOnlySpan<byte> header, int fieldCount)
    {
        var hash = default(HashCode);
        hash.AddBytes(header);
        hash.Add(fieldCount);
        return (int)((uint)hash.ToHashCode() % Slots);
    }

    private sealed record Entry(byte[] Header, int FieldCount, CsvReadSettings Settings, CsvRecordPlan Plan);
}
