using Microsoft.Data.Sqlite;

namespace Gateway.Core.Log;

/// <summary>
/// The buffer on disk: one SQLite database (<c>routes.db</c>) in WAL mode with <c>synchronous=FULL</c>, so a
/// committed transaction survives a crash or power loss, and a torn last write is discarded by SQLite's own WAL
/// checksums on the next open. One row per commit group (the group's messages packed by <see cref="LogEntryCodec"/>),
/// so a commit costs one row per route however many messages it carries; cursors and truncations go in the same
/// transaction. The committer writes on one connection; readers of evicted groups use another (WAL lets them read
/// while a commit is in progress).
/// </summary>
internal sealed class SqliteLogStore : IDisposable
{
    public const string FileName = "routes.db";

    private readonly SqliteConnection _writer;
    private readonly SqliteConnection _reader;
    private readonly Lock _readLock = new();

    public SqliteLogStore(string folder)
    {
        Directory.CreateDirectory(folder);
        Path = System.IO.Path.Combine(folder, FileName);
        var connection = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false, Mode = SqliteOpenMode.ReadWriteCreate }.ToString();
        _writer = new SqliteConnection(connection);
        _writer.Open();
        Execute(_writer, """
            PRAGMA auto_vacuum=INCREMENTAL;
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=FULL;
            PRAGMA journal_size_limit=67108864;
            CREATE TABLE IF NOT EXISTS groups (id INTEGER PRIMARY KEY, route TEXT NOT NULL, count INTEGER NOT NULL, bytes INTEGER NOT NULL, record BLOB NOT NULL);
            CREATE INDEX IF NOT EXISTS groups_by_route ON groups (route, id);
            CREATE TABLE IF NOT EXISTS cursors (route TEXT NOT NULL, sink TEXT NOT NULL, grp INTEGER NOT NULL, idx INTEGER NOT NULL, PRIMARY KEY (route, sink));
            """);
        _reader = new SqliteConnection(connection);
        _reader.Open();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Every stored group in id order (not its messages), and every cursor: what the last durable commit left.</summary>
    public (IReadOnlyList<StoredGroup> Groups, IReadOnlyList<StoredCursor> Cursors) Recover()
    {
        var groups = new List<StoredGroup>();
        using (var command = _writer.CreateCommand())
        {
            command.CommandText = "SELECT id, route, count, bytes FROM groups ORDER BY id";
            using var rows = command.ExecuteReader();
            while (rows.Read())
            {
                groups.Add(new StoredGroup(rows.GetInt64(0), rows.GetString(1), rows.GetInt32(2), rows.GetInt64(3)));
            }
        }

        var cursors = new List<StoredCursor>();
        using (var command = _writer.CreateCommand())
        {
            command.CommandText = "SELECT route, sink, grp, idx FROM cursors";
            using var rows = command.ExecuteReader();
            while (rows.Read())
            {
                cursors.Add(new StoredCursor(rows.GetString(0), rows.GetString(1), new LogPosition(rows.GetInt64(2), rows.GetInt32(3))));
            }
        }

        return (groups, cursors);
    }

    /// <summary>Writes <paramref name="commit"/> in one durable transaction; throws (and changes nothing) when it cannot.</summary>
    public void Commit(LogCommit commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        using var transaction = _writer.BeginTransaction();
        if (commit.Groups.Count > 0)
        {
            using var insert = Command(transaction, "INSERT INTO groups (id, route, count, bytes, record) VALUES ($id, $route, $count, $bytes, $record)", "$id", "$route", "$count", "$bytes", "$record");
            foreach (var (group, record) in commit.Groups)
            {
                Run(insert, group.Id, group.Route, group.Count, group.Bytes, record);
            }
        }

        if (commit.Cursors.Count > 0)
        {
            using var upsert = Command(
                transaction,
                "INSERT INTO cursors (route, sink, grp, idx) VALUES ($route, $sink, $grp, $idx) ON CONFLICT (route, sink) DO UPDATE SET grp = excluded.grp, idx = excluded.idx",
                "$route",
                "$sink",
                "$grp",
                "$idx");
            foreach (var cursor in commit.Cursors)
            {
                Run(upsert, cursor.Route, cursor.Sink, cursor.Position.Group, cursor.Position.Index);
            }
        }

        if (commit.RemovedCursors.Count > 0)
        {
            using var delete = Command(transaction, "DELETE FROM cursors WHERE route = $route AND sink = $sink", "$route", "$sink");
            foreach (var (route, sink) in commit.RemovedCursors)
            {
                Run(delete, route, sink);
            }
        }

        if (commit.Truncations.Count > 0)
        {
            using var truncate = Command(transaction, "DELETE FROM groups WHERE route = $route AND id <= $id", "$route", "$id");
            foreach (var (route, upTo) in commit.Truncations)
            {
                Run(truncate, route, upTo);
            }
        }

        transaction.Commit();
    }

    /// <summary>
    /// Copies what the WAL holds into the database without waiting for anyone (PASSIVE), on the reading connection, so
    /// that the committer's transactions rarely pay for a checkpoint. SQLite's automatic checkpoint (every 1000 pages)
    /// stays on as the bound: a WAL that holds most of the data could not be checkpointed on a full disk.
    /// </summary>
    public void CheckpointInBackground()
    {
        lock (_readLock)
        {
            Execute(_reader, "PRAGMA wal_checkpoint(PASSIVE);");
        }
    }

    /// <summary>Bytes of pages the database holds but no longer uses (rows the sinks took); new rows reuse them.</summary>
    public long ReusableBytes()
    {
        using var command = _writer.CreateCommand();
        command.CommandText = "SELECT (SELECT freelist_count FROM pragma_freelist_count) * (SELECT page_size FROM pragma_page_size)";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The size of the database file (without its WAL).</summary>
    public long DatabaseBytes() => FileBytes(Path);

    /// <summary>The size of the WAL file: pages written since the last checkpoint that reset it, or kept for reuse.</summary>
    public long WalBytes() => FileBytes(Path + "-wal");

    /// <summary>
    /// Gives the pages the sinks' progress freed back to the file system once there are more than
    /// <paramref name="threshold"/> bytes of them, so the file shrinks after a backlog drained (a database created
    /// before incremental vacuum was on keeps its size and reuses the pages).
    /// </summary>
    public void Reclaim(long threshold)
    {
        if (ReusableBytes() > threshold)
        {
            Execute(_writer, "PRAGMA incremental_vacuum;");
        }
    }

    /// <summary>
    /// Moves the WAL's pages into the database and lets the next transaction write the WAL from its start again
    /// (and cuts it to <c>journal_size_limit</c>); on a full disk that is the room the next commit needs.
    /// </summary>
    public void Checkpoint() => Execute(_writer, "PRAGMA wal_checkpoint(TRUNCATE);");

    /// <summary>The packed record of group <paramref name="id"/>.</summary>
    public byte[] Read(long id)
    {
        lock (_readLock)
        {
            using var command = _reader.CreateCommand();
            command.CommandText = "SELECT record FROM groups WHERE id = $id";
            command.Parameters.AddWithValue("$id", id);
            return command.ExecuteScalar() as byte[] ?? throw new InvalidDataException($"Log group {id} is not in {Path}.");
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _writer.Dispose();
    }

    private static long FileBytes(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? file.Length : 0;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = _writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        command.ExecuteNonQuery();
    }
}
