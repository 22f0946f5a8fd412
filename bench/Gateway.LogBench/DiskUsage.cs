namespace Gateway.Bench.LogBench;

/// <summary>Bytes held by the files of an engine's folder.</summary>
internal static class DiskUsage
{
    public static long Of(string folder)
    {
        long bytes = 0;
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            try
            {
                bytes += file.Length;
            }
            catch (FileNotFoundException)
            {
                // Deleted since it was listed: FasterLog removes truncated segments in the background.
            }
        }

        return bytes;
    }

    /// <summary>
    /// The size once it stops changing: FasterLog deletes truncated segment files in the background after the
    /// commit that records the new begin address has returned.
    /// </summary>
    public static async Task<long> SettledAsync(string folder)
    {
        var size = Of(folder);
        for (var i = 0; i < 40; i++)
        {
            await Task.Delay(50);
            var next = Of(folder);
            if (next == size && i >= 3)
            {
                break;
            }

            size = next;
        }

        return size;
    }
}
