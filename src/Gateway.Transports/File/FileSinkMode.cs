namespace Gateway.Transports.Files;

/// <summary>How a <c>File</c> sink lays messages out in its folder.</summary>
public enum FileSinkMode
{
    /// <summary>One file per message, named by <c>FileName</c>; a file appears complete or not at all.</summary>
    PerMessage,

    /// <summary>Every message appended to one file (NDJSON or CSV), rolled when it reaches <c>MaxFileBytes</c>.</summary>
    Append,

    /// <summary>
    /// One file per input file: the records of a file from a <c>Folder</c> input are collected and written as one
    /// document when its last record arrives; any other message is a file by itself. See <c>docs/transports-folder.md</c>.
    /// </summary>
    WholeFile,
}
