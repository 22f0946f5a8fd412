using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Gateway.Bench.LogBench;

/// <summary>The two Linux calls .NET does not expose: dropping a file's cached pages, and a data-only sync.</summary>
internal static partial class LibC
{
    public const int PosixFadviseDontNeed = 4;

    /// <summary>Returns 0 or an error number (not through errno).</summary>
    [LibraryImport("libc", EntryPoint = "posix_fadvise")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static partial int PosixFadvise(SafeFileHandle handle, long offset, long length, int advice);

    /// <summary>
    /// Flushes the file's data (and its size, if it changed) but not timestamps, so an overwrite in place costs one
    /// device cache flush without a filesystem journal commit.
    /// </summary>
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static partial int Fdatasync(SafeFileHandle handle);
}
