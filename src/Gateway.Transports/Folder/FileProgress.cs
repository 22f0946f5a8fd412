using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Gateway.Transports.Folder;

/// <summary>
/// The persisted offset of a file being read: how many of its records the routes have stored, written (to a temporary
/// file, then renamed over the old one) after every stored batch, so a restart after a crash resumes after them
/// instead of sending the file again. It also keeps the file's <see cref="FolderMetadata.Id"/>, and the length and
/// time the file had, so a different file of the same name starts from the beginning.
/// </summary>
internal sealed class FileProgress
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private FileProgress(string statePath, State state)
    {
        StatePath = statePath;
        Current = state;
    }

    public string StatePath { get; }

    public State Current { get; private set; }

    /// <summary>The progress of <paramref name="file"/>: what a previous run stored of this same file, or a fresh start.</summary>
    public static FileProgress Open(string progressFolder, string relativeName, FileCandidate file)
    {
        var path = System.IO.Path.Combine(progressFolder, StateName(relativeName));
        try
        {
            if (File.Exists(path)
                && JsonSerializer.Deserialize<State>(File.ReadAllBytes(path), Json) is { } stored
                && stored.Name == relativeName && stored.Length == file.Length && stored.Modified == file.Modified && stored.Records >= 0)
            {
                return new FileProgress(path, stored);
            }
        }
        catch (JsonException)
        {
            // A state file cut short cannot happen (it is renamed into place), but if it is unreadable, start over.
        }

        return new FileProgress(path, new State(relativeName, Guid.CreateVersion7().ToString("D"), file.Length, file.Modified, 0));
    }

    /// <summary>Records that the first <paramref name="records"/> records are stored.</summary>
    public void Save(long records)
    {
        Current = Current with { Records = records };
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(StatePath)!);
        var temporary = StatePath + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(Current, Json));
        File.Move(temporary, StatePath, overwrite: true);
    }

    /// <summary>Removes the state: the file is done with (moved away).</summary>
    public void Delete()
    {
        try
        {
            File.Delete(StatePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover state names a file that is gone; it is removed at the next start.
        }
    }

    /// <summary>Removes states whose file is no longer in the folder (left by a crash between moving a file and removing its state).</summary>
    public static void RemoveOrphans(string progressFolder, string root)
    {
        if (!Directory.Exists(progressFolder))
        {
            return;
        }

        foreach (var path in Directory.EnumerateFiles(progressFolder))
        {
            try
            {
                var stored = path.EndsWith(".json", StringComparison.Ordinal) ? JsonSerializer.Deserialize<State>(File.ReadAllBytes(path), Json) : null;
                if (stored is null || !File.Exists(System.IO.Path.Combine(root, stored.Name)))
                {
                    File.Delete(path);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
            {
                // Best effort: an orphan is harmless, only untidy.
            }
        }
    }

    /// <summary>A state file name per relative file name: a hash, so any name (and any depth of folders) fits.</summary>
    private static string StateName(string relativeName)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(relativeName)).AsSpan(0, 16)) + ".json";

    /// <summary>What is stored: the file's relative name, its id, its length and time when it was picked up, and the records stored.</summary>
    internal sealed record State(string Name, string Id, long Length, DateTime Modified, long Records);
}
