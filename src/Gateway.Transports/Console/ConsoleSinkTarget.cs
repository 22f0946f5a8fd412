namespace Gateway.Transports.Consoles;

/// <summary>The standard stream a <c>Console</c> sink writes to.</summary>
public enum ConsoleSinkTarget
{
    /// <summary>Standard output, the default.</summary>
    Stdout,

    /// <summary>Standard error, to keep messages apart from what else goes to standard output.</summary>
    Stderr,
}
