using System.Text.Json;

namespace Gateway.Transports.Files;

/// <summary>
/// The records of one input file collected so far by a <c>WholeFile</c> sink: canonical JSON, one record a line, in a
/// hidden file beside the output (<c>.gateway-ID.spool</c>), and a state file (<c>.gateway-ID.state</c>, replaced
/// atomically after every batch) that says how many bytes of the spool are good and which record is the last in
/// them. After a crash the spool is cut back to that length and records up to that one are skipped when the route
/// log hands them over again, so the output has every record once. The output is written to a hidden temporary file
/// and renamed (<see cref="Commit"/>); then the spool is deleted and the state kept with <see cref="State.Finished"/>
/// set, so a replay of the file's last messages is ignored.
/// </summary>
internal sealed class WholeFileSpool : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly byte[] NewLine = [(byte)'\n'];

    private readonly string _statePath;
    private FileStream? _stream;
    private State _state;

    private WholeFileSpool(string folder, string id, State state)
    {
        SpoolPath = Path.Combine(folder, $".gateway-{id}.spool");
        OutputPath = OutputPathOf(folder, id);
        _statePath = Path.Combine(folder, $".gateway-{id}.state");
        _state = state;
    }

    public string SpoolPath { get; }

    /// <summary>The hidden temporary file the output is written to before <see cref="Commit"/> renames it.</summary>
    public string OutputPath { get; }

    public bool Finished => _state.Finished;

    /// <summary>True when nothing is collected yet.</summary>
    public bool IsEmpty => _state.Bytes == 0 && (_stream is null || _stream.Length == 0);

    /// <summary>The spool of input file <paramref name="id"/> as the last run left it, or a new one.</summary>
    public static WholeFileSpool Open(string folder, string id)
    {
        var statePath = Path.Combine(folder, $".gateway-{id}.state");
        var state = File.Exists(statePath) ? JsonSerializer.Deserialize<State>(File.ReadAllBytes(statePath), Json) : null;
        return new WholeFileSpool(folder, id, state ?? new State(-1, [], 0, false, null));
    }

    /// <summary>
    /// Whether message <paramref name="messageId"/> of record <paramref name="record"/> is already in the spool: a
    /// replay after a restart, or a retry of a batch that was partly appended. Records before the last one are all
    /// in; of the last record (a converter may split one record into several messages) the ids taken are kept, since
    /// a retried part and the next part carry the same record number.
    /// </summary>
    public bool Holds(long record, Guid messageId)
        => record < _state.LastRecord || (record == _state.LastRecord && _state.IdsOfLast.Contains(messageId));

    /// <summary>Adds one record (canonical JSON) as one line; line breaks in it are JSON whitespace and become spaces.</summary>
    public void Append(ReadOnlySpan<byte> record, long index, Guid messageId)
    {
        var stream = Stream();
        var start = 0;
        for (var i = record.IndexOfAny((byte)'\n', (byte)'\r'); i >= 0; i = record[start..].IndexOfAny((byte)'\n', (byte)'\r'))
        {
            stream.Write(record.Slice(start, i));
            stream.WriteByte((byte)' ');
            start += i + 1;
        }

        stream.Write(record[start..]);
        stream.Write(NewLine);
        _state = _state with
        {
            IdsOfLast = index == _state.LastRecord ? [.. _state.IdsOfLast, messageId] : [messageId],
            LastRecord = index,
        };
    }

    /// <summary>Makes what was appended durable: the spool flushed, then the state saying so.</summary>
    public void Save(bool flushToDisk)
    {
        if (_stream is null)
        {
            return;
        }

        _stream.Flush(flushToDisk);
        _state = _state with { Bytes = _stream.Length };
        Write(_state);
    }

    /// <summary>Hands what was appended to the operating system, so <see cref="OpenRead"/> sees it, without saving the state.</summary>
    public void Flush() => Stream().Flush();

    /// <summary>
    /// Puts <paramref name="folder"/> in order at start, after a crash or a stop: an output whose state says it was
    /// complete but whose rename did not happen is renamed now; spools of finished files, and temporary outputs of
    /// unfinished ones (the replay writes them again), are removed. Markers of files finished more than
    /// <paramref name="age"/> ago go (a replay comes within minutes), and so do spools nothing was added to for that
    /// long (their input file failed halfway, or the route was removed). Best effort: what cannot be read is left.
    /// </summary>
    public static void Recover(string folder, bool overwrite, TimeSpan age, DateTimeOffset now)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var statePath in Directory.EnumerateFiles(folder, ".gateway-*.state"))
        {
            try
            {
                var id = Path.GetFileName(statePath)[".gateway-".Length..^".state".Length];
                var state = JsonSerializer.Deserialize<State>(File.ReadAllBytes(statePath), Json);
                var output = OutputPathOf(folder, id);
                var stale = now - File.GetLastWriteTimeUtc(statePath) > age;
                if (state is { Finished: true, Output: { } name } && File.Exists(output))
                {
                    var target = Path.Combine(folder, name);
                    if (overwrite || !File.Exists(target))
                    {
                        File.Move(output, target, overwrite);
                    }
                }

                if (state is { Finished: true } || stale)
                {
                    File.Delete(Path.Combine(folder, $".gateway-{id}.spool"));
                }

                File.Delete(output);
                if (stale)
                {
                    File.Delete(statePath);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
            {
                // An unreadable or locked one is left alone.
            }
        }
    }

    /// <summary>A stream reading the collected records from the start (after <see cref="Save"/>).</summary>
    public FileStream OpenRead() => new(SpoolPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 64 * 1024, FileOptions.SequentialScan);

    /// <summary>
    /// The output is complete in <see cref="OutputPath"/>: renames it to <paramref name="target"/> (a file in the same
    /// folder). The state says so first, so that a crash before the rename is finished at the next start
    /// (<see cref="Recover"/>) and one after it is not written twice; then the spool goes, and the state stays as a
    /// marker that this file is done.
    /// </summary>
    public void Commit(string target, bool overwrite)
    {
        _stream?.Dispose();
        _stream = null;
        var before = _state;
        _state = _state with { Finished = true, Bytes = 0, Output = Path.GetFileName(target) };
        Write(_state);
        try
        {
            File.Move(OutputPath, target, overwrite);
        }
        catch
        {
            _state = before;
            Write(before);
            throw;
        }

        File.Delete(SpoolPath);
    }

    public void Dispose() => _stream?.Dispose();

    private FileStream Stream()
    {
        if (_stream is null)
        {
            _stream = new FileStream(SpoolPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 64 * 1024);
            _stream.SetLength(_state.Bytes); // Cuts off what a crash left after the last saved state.
            _stream.Position = _state.Bytes;
        }

        return _stream;
    }

    private void Write(State state)
    {
        var temporary = _statePath + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(state, Json));
        File.Move(temporary, _statePath, overwrite: true);
    }

    private static string OutputPathOf(string folder, string id) => Path.Combine(folder, $".gateway-{id}.output.tmp");

    /// <summary>
    /// The last record in the spool (and how many messages of it), the spool's good length, whether the output is
    /// complete, and the name it is renamed to.
    /// </summary>
    internal sealed record State(long LastRecord, Guid[] IdsOfLast, long Bytes, bool Finished, string? Output);
}
