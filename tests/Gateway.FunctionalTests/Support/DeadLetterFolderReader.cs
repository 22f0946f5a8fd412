using System.Text.Json;

namespace Gateway.FunctionalTests.Support;

/// <summary>Reads the gateway's dead-letter folder (<c>Gateway:DeadLetters:Folder</c>): a body file and a <c>.meta.json</c> per message.</summary>
public static class DeadLetterFolderReader
{
    /// <summary>Every complete entry in <paramref name="folder"/> (files still being written are skipped).</summary>
    public static IReadOnlyList<DeadLetterEntry> Read(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var entries = new List<DeadLetterEntry>();
        foreach (var metaPath in Directory.EnumerateFiles(folder, "*.meta.json"))
        {
            using var meta = JsonDocument.Parse(File.ReadAllBytes(metaPath));
            var root = meta.RootElement;
            var bodyPath = Path.Combine(folder, root.GetProperty("body").GetString()!);
            var metadata = root.TryGetProperty("metadata", out var values)
                ? values.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty, StringComparer.OrdinalIgnoreCase)
                : [];
            entries.Add(new DeadLetterEntry(
                root.GetProperty("id").GetString()!,
                root.GetProperty("route").GetString()!,
                root.TryGetProperty("sink", out var sink) ? sink.GetString() : null,
                root.GetProperty("stage").GetString()!,
                root.GetProperty("error").GetString()!,
                root.GetProperty("input").GetString()!,
                metadata,
                File.Exists(bodyPath) ? File.ReadAllBytes(bodyPath) : []));
        }

        return entries;
    }

    /// <summary>Waits until <paramref name="folder"/> holds at least <paramref name="count"/> entries and returns them.</summary>
    public static async Task<IReadOnlyList<DeadLetterEntry>> WaitForAsync(string folder, int count, TimeSpan? timeout = null)
    {
        IReadOnlyList<DeadLetterEntry> entries = [];
        await Poll.UntilAsync(
            () => (entries = Read(folder)).Count >= count,
            timeout ?? Timeouts.Delivery,
            () => $"the dead-letter folder {folder} holds {entries.Count} of {count} entries.");
        return entries;
    }
}
