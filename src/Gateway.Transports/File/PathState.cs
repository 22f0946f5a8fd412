namespace Gateway.Transports.Files;

/// <summary>What the path of an open append file names now (see <see cref="FileIdentity.Compare"/>).</summary>
internal enum PathState
{
    /// <summary>The open file, or the check could not tell otherwise.</summary>
    Same,

    /// <summary>Nothing: the file was moved or removed.</summary>
    Missing,

    /// <summary>Another file: the open one was moved or removed and a new one created in its place.</summary>
    Replaced,
}
