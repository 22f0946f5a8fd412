namespace Gateway.Core.Log;

/// <summary>Where route logs keep accepted messages until every sink acknowledged them.</summary>
public enum BufferDurability
{
    /// <summary>On disk: an input acknowledges a message once it is committed; a restart redelivers what no sink acknowledged.</summary>
    Disk,

    /// <summary>In memory only: faster on slow disks, but a crash loses what was acknowledged and not yet delivered.</summary>
    Memory,
}
