using System.Buffers.Binary;
using Microsoft.Data.Sqlite;

namespace Gateway.Bench.LogBench;

/// <summary>
/// A SQLite database in WAL mode with <c>synchronous=FULL</c>, so that a committed transaction has been fsynced to the
/// WAL and survives a crash or power loss. Message ids are the bench's sequence numbers.
/// </summary>
internal sealed class SqliteStore : IDisposable
{
    public const string FileName = "messages.db";

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter _id;
    private readonly SqliteParameter _count;
    private readonly SqliteParameter _body;

    private SqliteStore(SqliteConnection connection, SqliteLayout layout)
    {
        _connection = connection;
        Layout = layout;
        _insert = connection.CreateCommand();
        _id = _insert.Parameters.Add("$id", SqliteType.Integer);
        _body = _insert.Parameters.Add("$body", SqliteType.Blob);
        _count = _insert.Parameters.Add("$count", SqliteType.Integer);
        _insert.CommandText = layout == SqliteLayout.RowPerMessage
            ? "INSERT INTO messages(id, body) VALUES ($id, $body)"
            : "INSERT INTO groups(id, count, body) VALUES ($id, $count, $body)";
        if (layout == SqliteLayout.RowPerMessage)
        {
            _insert.Parameters.Remove(_count);
        }
    }

    public SqliteLayout Layout { get; }

    /// <summary>Opens (and on first use creates) the database in <paramref name="folder"/>.</summary>
    public static SqliteStore Open(string folder, SqliteLayout layout)
    {
        Directory.CreateDirectory(folder);
        // Pooling off: closing must really close the file, and a reopen after a crash must really open it.
        var connection = new SqliteConnection($"Data Source={Path.Combine(folder, FileName)};Pooling=False");
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL");
        Execute(connection, "PRAGMA synchronous=FULL");
        Execute(connection, layout == SqliteLayout.RowPerMessage
            ? "CREATE TABLE IF NOT EXISTS messages(id INTEGER PRIMARY KEY, body BLOB NOT NULL)"
            : "CREATE TABLE IF NOT EXISTS groups(id INTEGER PRIMARY KEY, count INTEGER NOT NULL, body BLOB NOT NULL)");
        return new SqliteStore(connection, layout);
    }

    /// <summary>Writes one group in one transaction; durable when this returns.</summary>
    public void WriteGroup(IReadOnlyList<byte[]> messages, long firstSequence)
    {
        using var transaction = BeginAndInsert(messages, firstSequence);
        transaction.Commit();
    }

    /// <summary>Inserts a group and leaves its transaction open: the uncommitted tail a crash leaves behind.</summary>
    public SqliteTransaction WriteUncommitted(IReadOnlyList<byte[]> messages, long firstSequence) =>
        BeginAndInsert(messages, firstSequence);

    /// <summary>Reads every message from the start, in order.</summary>
    public void ScanAll(SequenceChecker checker)
    {
        using var select = _connection.CreateCommand();
        select.CommandText = Layout == SqliteLayout.RowPerMessage
            ? "SELECT body FROM messages ORDER BY id"
            : "SELECT body FROM groups ORDER BY id";
        using var reader = select.ExecuteReader();
        var buffer = new byte[1 << 16];
        while (reader.Read())
        {
            var length = (int)reader.GetBytes(0, 0, null, 0, 0);
            if (buffer.Length < length)
            {
                buffer = new byte[Math.Max(length, buffer.Length * 2)];
            }

            reader.GetBytes(0, 0, buffer, 0, length);
            if (Layout == SqliteLayout.RowPerMessage)
            {
                checker.Check(buffer.AsSpan(0, length));
            }
            else
            {
                Unpack(buffer.AsSpan(0, length), checker);
            }
        }
    }

    /// <summary>
    /// Deletes every message before <paramref name="sequence"/> (with the packed layout, every group that ends before
    /// it: a group is deleted whole or not at all).
    /// </summary>
    public void TruncateBefore(long sequence)
    {
        using var delete = _connection.CreateCommand();
        delete.CommandText = Layout == SqliteLayout.RowPerMessage
            ? "DELETE FROM messages WHERE id < $sequence"
            : "DELETE FROM groups WHERE id < $sequence AND id + count <= $sequence";
        delete.Parameters.AddWithValue("$sequence", sequence);
        delete.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _insert.Dispose();
        _connection.Dispose();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void Unpack(ReadOnlySpan<byte> packed, SequenceChecker checker)
    {
        while (!packed.IsEmpty)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(packed);
            checker.Check(packed.Slice(4, length));
            packed = packed[(4 + length)..];
        }
    }

    private static byte[] Pack(IReadOnlyList<byte[]> messages)
    {
        var total = 0;
        foreach (var message in messages)
        {
            total += 4 + message.Length;
        }

        // One exact-size array per group: Microsoft.Data.Sqlite binds a byte[] whole (a Size below its length makes
        // it copy into yet another array), so a pooled, larger buffer would not save the copy.
        var packed = new byte[total];
        var offset = 0;
        foreach (var message in messages)
        {
            BinaryPrimitives.WriteInt32LittleEndian(packed.AsSpan(offset), message.Length);
            message.CopyTo(packed.AsSpan(offset + 4));
            offset += 4 + message.Length;
        }

        return packed;
    }

    private SqliteTransaction BeginAndInsert(IReadOnlyList<byte[]> messages, long firstSequence)
    {
        var transaction = _connection.BeginTransaction();
        try
        {
            _insert.Transaction = transaction;
            if (Layout == SqliteLayout.RowPerMessage)
            {
                for (var i = 0; i < messages.Count; i++)
                {
                    _id.Value = firstSequence + i;
                    _body.Value = messages[i];
                    _insert.ExecuteNonQuery();
                }
            }
            else
            {
                _id.Value = firstSequence;
                _count.Value = messages.Count;
                _body.Value = Pack(messages);
                _insert.ExecuteNonQuery();
            }

            return transaction;
        }
        catch
        {
            transaction.Dispose();
            throw;
        }
    }
}
