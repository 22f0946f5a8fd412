namespace Gateway.Transports.Folder;

/// <summary>
/// The metadata a <c>Folder</c> input puts on its messages. They tell a <c>File</c> sink in <c>WholeFile</c> mode
/// which input file a message came from, where it is in it, and when the file is complete.
/// </summary>
public static class FolderMetadata
{
    /// <summary>The file's path relative to the input's folder, with <c>/</c> between folders (<c>orders-2026-12-07.csv</c>).</summary>
    public const string Name = "file.name";

    /// <summary>An id for this reading of the file, kept across a restart in the middle of it (a UUID).</summary>
    public const string Id = "file.id";

    /// <summary>The number of the message's first record in the file, from 0 (always 0 in <c>Document</c> mode).</summary>
    public const string Record = "file.record";

    /// <summary><c>true</c> on the file's last message: the end-of-file signal. Absent on the others.</summary>
    public const string Last = Gateway.Core.Messages.StreamEnd.Key;
}
