namespace Gateway.Bench.LogBench;

/// <summary>
/// Drops the page cache of an engine's files before a recovery, so that recovery reads the disk as after a reboot.
/// Both engines read through the page cache (FASTER asks for unbuffered files, but on Linux .NET opens them with
/// O_SYNC only), and their own writes have just filled it.
/// </summary>
internal static class PageCache
{
    /// <summary>Returns false where that is not possible (not Linux); recovery then reads whatever is cached.</summary>
    public static bool Evict(string folder)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            // Offset 0, length 0: the whole file. Only clean pages go, and the engines have synced everything.
            if (LibC.PosixFadvise(handle, 0, 0, LibC.PosixFadviseDontNeed) != 0)
            {
                return false;
            }
        }

        return true;
    }
}
