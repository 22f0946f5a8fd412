namespace Gateway.Transports.Files;

/// <summary>How an <see cref="AppendFile"/> writes: its size limit, durability and CSV header handling.</summary>
/// <param name="MaxFileBytes">The size at which the file is rolled.</param>
/// <param name="FlushToDisk">Whether each append waits for the disk (fsync).</param>
/// <param name="HasHeader">Whether the file starts with a CSV header that every appended message must share.</param>
/// <param name="MaxHeaderBytes">The longest header read back from an existing file.</param>
internal sealed record AppendFileSettings(long MaxFileBytes, bool FlushToDisk, bool HasHeader, int MaxHeaderBytes);
