namespace Gateway.FunctionalTests.Support;

/// <summary>Fills a file system with a filler file until it is full (no space left), and gives the space back.</summary>
public sealed class DiskFiller : IDisposable
{
    private DiskFiller(string path, long bytes)
    {
        Path = path;
        Bytes = bytes;
    }

    /// <summary>The filler file.</summary>
    public string Path { get; }

    /// <summary>How many bytes the filler took.</summary>
    public long Bytes { get; }

    /// <summary>Writes <paramref name="path"/> until the file system has no space left: large blocks first, then small ones for the rest.</summary>
    public static DiskFiller Fill(string path)
    {
        long written = 0;
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0))
        {
            foreach (var block in new[] { 1024 * 1024, 64 * 1024, 4096, 512, 1 })
            {
                var bytes = new byte[block];
                while (true)
                {
                    try
                    {
                        file.Write(bytes);
                        written += block;
                    }
                    catch (IOException)
                    {
                        // No space for a block this size; a write that failed part way is cut back, then smaller blocks go on.
                        file.SetLength(written);
                        file.Position = written;
                        break;
                    }
                }
            }
        }

        return new DiskFiller(path, written);
    }

    /// <summary>Deletes the filler: the space returns.</summary>
    public void Free() => File.Delete(Path);

    public void Dispose() => Free();
}
