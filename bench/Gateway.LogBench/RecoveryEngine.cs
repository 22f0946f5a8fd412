namespace Gateway.Bench.LogBench;

/// <summary>The engines whose crash recovery and truncation are measured (how FasterLog commits does not matter there).</summary>
internal enum RecoveryEngine
{
    FasterLog,
    FasterLogFastCommit,
    SqliteRows,
    SqliteBlob,
}
