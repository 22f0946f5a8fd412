using System.Diagnostics;

namespace Gateway.FunctionalTests.Support;

/// <summary>
/// A small tmpfs (<c>mount -t tmpfs -o size=SIZE tmpfs DIR</c>) on a fresh temporary folder, to play a disk that
/// fills up; unmounted and deleted on dispose. Mounting needs root: tests that use it carry
/// <see cref="RequiresTmpfsFactAttribute"/>, and a mount that fails all the same fails the test.
/// </summary>
public sealed class TmpfsMount : IAsyncDisposable
{
    private readonly TempDirectory folder;
    private bool mounted;

    private TmpfsMount(TempDirectory folder, string size)
    {
        this.folder = folder;
        Size = size;
    }

    /// <summary>The mount point.</summary>
    public string Path => folder.Path;

    /// <summary>The size as given to <c>mount</c> (<c>32m</c>).</summary>
    public string Size { get; }

    /// <summary>The free bytes on the file system.</summary>
    public long FreeBytes => new DriveInfo(Path).AvailableFreeSpace;

    /// <summary>Mounts a tmpfs of <paramref name="size"/> (<c>mount</c>'s syntax: <c>32m</c>) and creates <paramref name="folders"/> in it.</summary>
    public static async Task<TmpfsMount> MountAsync(string size, params string[] folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        var mount = new TmpfsMount(new TempDirectory("gateway-ft-tmpfs-"), size);
        try
        {
            await RunAsync("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", mount.Path);
            mount.mounted = true;
            foreach (var name in folders)
            {
                Directory.CreateDirectory(mount.Combine(name));
            }

            return mount;
        }
        catch
        {
            await mount.DisposeAsync();
            throw;
        }
    }

    /// <summary>The full path of <paramref name="relative"/> on the tmpfs.</summary>
    public string Combine(string relative) => folder.Combine(relative);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (mounted)
            {
                mounted = false;
                try
                {
                    await RunAsync("umount", Path);
                }
                catch (InvalidOperationException)
                {
                    // Still busy (a process being killed holds a file): detach it now, the kernel frees it once released.
                    await RunAsync("umount", "-l", Path);
                }
            }
        }
        finally
        {
            folder.Dispose();
        }
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var executable = ExternalPrograms.Find(program, "/usr/bin", "/bin", "/usr/sbin", "/sbin")
            ?? throw new InvalidOperationException($"'{program}' is not installed.");
        await using var process = ChildProcess.Start(new ProcessStartInfo(executable, arguments));
        var code = await process.WaitForExitAsync(Timeouts.Operation);
        if (code != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with code {code}.\n{process.Output.Tail()}");
        }
    }
}
