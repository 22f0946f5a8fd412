namespace Gateway.Bench.LogBench;

/// <summary>Recovery after a kill, then truncation of the first half, for one engine and message size.</summary>
internal sealed record RecoveryResult(
    string Engine,
    int MessageSize,
    long Committed,
    long Uncommitted,
    long ReadBack,
    bool ColdCache,
    double FillSeconds,
    long DiskBytes,
    double OpenMilliseconds,
    double RecoveryMilliseconds,
    double TruncateMilliseconds,
    long DiskBytesAfterTruncate,
    long KeptAfterTruncate,
    string? Problem);
