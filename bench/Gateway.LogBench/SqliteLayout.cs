namespace Gateway.Bench.LogBench;

/// <summary>How the SQLite engine stores a commit group.</summary>
internal enum SqliteLayout
{
    /// <summary>One row per message (<c>messages(id, body)</c>), all rows of a group in one transaction.</summary>
    RowPerMessage,

    /// <summary>One row per group (<c>groups(id, count, body)</c>), the messages packed length-prefixed in one BLOB.</summary>
    BlobPerGroup,
}
