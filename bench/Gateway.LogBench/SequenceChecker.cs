using FASTER.core;

namespace Gateway.Bench.LogBench;

/// <summary>
/// Checks a recovery scan: messages must come back in order with consecutive sequence numbers (no gap, repeat or
/// extra). Remembers where the message numbered <c>halfSequence</c> is, which is where truncation cuts.
/// </summary>
internal sealed class SequenceChecker(long halfSequence = -1) : ILogEntryConsumer
{
    private long _next = -1;

    public long Count { get; private set; }

    /// <summary>Sequence of the first message read, -1 if none.</summary>
    public long First { get; private set; } = -1;

    /// <summary>The first break in the sequence, if any.</summary>
    public string? Problem { get; private set; }

    /// <summary>FasterLog address of the message numbered <c>halfSequence</c>, or -1.</summary>
    public long HalfAddress { get; private set; } = -1;

    public void Consume(ReadOnlySpan<byte> entry, long currentAddress, long nextAddress)
    {
        if (Messages.SequenceOf(entry) == halfSequence)
        {
            HalfAddress = currentAddress;
        }

        Check(entry);
    }

    public void Check(ReadOnlySpan<byte> message)
    {
        var sequence = Messages.SequenceOf(message);
        if (First < 0)
        {
            First = sequence;
        }
        else if (sequence != _next && Problem is null)
        {
            Problem = $"message {Count} has sequence {sequence}, expected {_next}";
        }

        _next = sequence + 1;
        Count++;
    }

    /// <summary>Null when exactly the messages <paramref name="first"/> .. <paramref name="end"/> - 1 were read.</summary>
    public string? Verify(long first, long end)
    {
        if (Problem is not null)
        {
            return Problem;
        }

        if (Count != end - first || (Count > 0 && First != first))
        {
            return $"read {Count} messages from {First}, expected {end - first} from {first}";
        }

        return null;
    }
}
