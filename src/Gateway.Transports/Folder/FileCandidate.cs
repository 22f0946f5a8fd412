namespace Gateway.Transports.Folder;

/// <summary>A file a scan found: its full path, length and last write time (UTC).</summary>
internal readonly record struct FileCandidate(string Path, long Length, DateTime Modified);
