namespace Gateway.Transports.Folder;

/// <summary>How a <c>Folder</c> input turns a file into messages.</summary>
public enum FolderInputMode
{
    /// <summary>One message per record (CSV row, NDJSON line, JSON array element, XML record element), streamed in bounded memory.</summary>
    Records,

    /// <summary>One message per file, holding the whole file (at most <c>MaxDocumentBytes</c>).</summary>
    Document,
}
