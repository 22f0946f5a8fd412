using Gateway.Core.Log;
using Gateway.Core.Messages;

namespace Gateway.Tests.Log;

/// <summary>The store recovers what was committed, including after a crash that tore the last write.</summary>
public sealed class SqliteLogStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gateway-tests", "store-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void Groups_cursors_and_truncations_are_recovered_as_committed()
    {
        using (var store = new SqliteLogStore(_folder))
        {
            store.Commit(new LogCommit([Group(1, "r", 2), Group(2, "r", 1), Group(3, "s", 1)], [new StoredCursor("r", "erp", new LogPosition(1, 1))], [], []));
            store.Commit(new LogCommit([], [new StoredCursor("r", "erp", new LogPosition(2, 1))], [], [("r", 1)]));
        }

        using var reopened = new SqliteLogStore(_folder);
        var (groups, cursors) = reopened.Recover();

        Assert.Equal([2L, 3L], groups.Select(g => g.Id));
        Assert.Equal(("r", 1), (groups[0].Route, groups[0].Count));
        Assert.Equal(new StoredCursor("r", "erp", new LogPosition(2, 1)), Assert.Single(cursors));
        Assert.Single(LogEntryCodec.Decode(reopened.Read(2)));
    }

    [Fact]
    public void A_log_torn_in_the_middle_of_its_last_write_recovers_to_the_last_whole_commit()
    {
        // A crash: the files are copied while the store is open (its WAL not checkpointed), then the copy of the WAL
        // loses the end of its last frame, as a write torn by power loss would.
        var crashed = Path.Combine(_folder, "crashed");
        Directory.CreateDirectory(crashed);
        using (var store = new SqliteLogStore(_folder))
        {
            for (var id = 1; id <= 20; id++)
            {
                store.Commit(new LogCommit([Group(id, "r", 3)], [], [], []));
            }

            // The shared-memory index is rebuilt from the WAL on open, as after a real crash.
            foreach (var file in Directory.GetFiles(_folder).Where(f => !f.EndsWith("-shm", StringComparison.Ordinal)))
            {
                File.Copy(file, Path.Combine(crashed, Path.GetFileName(file)));
            }
        }

        var wal = Path.Combine(crashed, SqliteLogStore.FileName + "-wal");
        var length = new FileInfo(wal).Length;
        Assert.True(length > 4096, "the copy must hold the commits in its WAL");
        using (var stream = new FileStream(wal, FileMode.Open))
        {
            stream.SetLength(length - 100);
        }

        using var recovered = new SqliteLogStore(crashed);
        var (groups, _) = recovered.Recover();

        // Every group but the torn last one, each whole.
        Assert.Equal(Enumerable.Range(1, 19).Select(i => (long)i), groups.Select(g => g.Id));
        Assert.All(groups, g => Assert.Equal(3, LogEntryCodec.Decode(recovered.Read(g.Id)).Length));
    }

    private static (StoredGroup, byte[]) Group(long id, string route, int count)
    {
        var entries = Enumerable.Range(0, count).Select(i => new LogEntry(new Message(new byte[100 + i], FormatNames.Json, "in"), null)).ToArray();
        return (new StoredGroup(id, route, count, entries.Sum(e => e.Size)), LogEntryCodec.Encode(entries));
    }
}
