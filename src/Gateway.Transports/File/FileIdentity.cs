using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Gateway.Transports.Files;

/// <summary>
/// Which file a stream holds open, taken when it is opened, so that <see cref="Compare"/> can tell whether the path
/// still names that file after an operator may have moved, removed or replaced it.
/// </summary>
/// <remarks>
/// .NET has no public API for a file's identity, so on Linux this calls <c>statx(2)</c>: device and inode of the open
/// handle (<c>AT_EMPTY_PATH</c>, like <c>fstat</c>) against those of the path (like <c>stat</c>, following symbolic
/// links). <c>statx</c> rather than <c>stat</c>/<c>fstat</c> because its buffer has one layout fixed by the kernel on
/// every architecture and libc, whereas <c>struct stat</c> differs between x64, arm64, arm32, glibc and musl, and
/// glibc before 2.33 does not even export <c>stat</c> and <c>fstat</c> as symbols. The inode cannot be reused by a
/// replacement file while we hold the old one open, so equal device and inode means the same file.
/// Elsewhere, or when <c>statx</c> is missing or refused (old libc, old kernel, a seccomp filter), the check falls
/// back to "the path exists and has the length we wrote": that catches a move or removal but not a replacement of the
/// same length. Windows needs nothing better: the sink's stream does not share delete access, so the file cannot be
/// renamed or deleted while it is open.
/// </remarks>
internal sealed partial class FileIdentity
{
    private const int AtFdCwd = -100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxIno = 0x100;
    private const int ErrorNoEntry = 2; // ENOENT and ENOTDIR: the same numbers on every Linux architecture .NET runs on.
    private const int ErrorNotDirectory = 20;

    /// <summary>Cleared the first time <c>statx</c> turns out to be missing, so later files skip straight to the fallback.</summary>
    private static bool s_statxUsable = OperatingSystem.IsLinux();

    private readonly bool _known;
    private readonly ulong _device;
    private readonly ulong _inode;

    private FileIdentity(bool known, ulong device, ulong inode)
    {
        _known = known;
        _device = device;
        _inode = inode;
    }

    /// <summary>The identity of the file open behind <paramref name="handle"/> (only a length check if the platform cannot tell).</summary>
    public static FileIdentity Of(SafeFileHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (!s_statxUsable)
        {
            return new FileIdentity(false, 0, 0);
        }

        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var error = Query((int)handle.DangerousGetHandle(), string.Empty, AtEmptyPath, out var buffer);
            return error == 0 && (buffer.Mask & StatxIno) != 0
                ? new FileIdentity(true, buffer.Device, buffer.Inode)
                : new FileIdentity(false, 0, 0); // ENOSYS (kernel before 4.11) or EPERM (a seccomp filter that predates statx).
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="path"/> still names this file: one <c>statx</c> (or one <c>stat</c> in the fallback,
    /// which compares the path's length with <paramref name="length"/>, the bytes written to the open file).
    /// </summary>
    public PathState Compare(string path, long length)
    {
        if (_known)
        {
            var error = Query(AtFdCwd, path, 0, out var buffer);
            if (error == 0 && (buffer.Mask & StatxIno) != 0)
            {
                return buffer.Device == _device && buffer.Inode == _inode ? PathState.Same : PathState.Replaced;
            }

            if (error is ErrorNoEntry or ErrorNotDirectory)
            {
                return PathState.Missing;
            }

            if (error > 0)
            {
                // Not allowed to look (EACCES), I/O error, ...: keep the open file; a real problem shows when writing.
                return PathState.Same;
            }
        }

        // No statx: the fallback.

        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return PathState.Missing;
        }

        return info.Length == length ? PathState.Same : PathState.Replaced;
    }

    /// <summary><c>statx</c> with <paramref name="flags"/>: 0, the errno of the failure, or -1 when it cannot be called.</summary>
    private static int Query(int directory, string path, int flags, out StatxBuffer buffer)
    {
        buffer = default;
        if (!s_statxUsable)
        {
            return -1;
        }

        try
        {
            return Statx(directory, path, flags, StatxIno, out buffer) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            s_statxUsable = false; // glibc before 2.28 or musl before 1.2.5.
            return -1;
        }
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, out StatxBuffer buffer);

    /// <summary>The fields of <c>struct statx</c> read here, at their offsets in the kernel's 256-byte layout (uapi linux/stat.h).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(0x00)]
        public uint Mask;

        [FieldOffset(0x20)]
        public ulong Inode;

        [FieldOffset(0x88)]
        public uint DeviceMajor;

        [FieldOffset(0x8c)]
        public uint DeviceMinor;

        public readonly ulong Device => ((ulong)DeviceMajor << 32) | DeviceMinor;
    }
}
