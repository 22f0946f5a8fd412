namespace Gateway.Hosting;

/// <summary>How configuration reloads went so far (the <c>gateway.config.reloads</c> metric reads it).</summary>
internal sealed class ConfigurationReloadStatus
{
    private long _applied;
    private long _rejected;

    /// <summary>Reloads that were validated and applied.</summary>
    public long Applied => Interlocked.Read(ref _applied);

    /// <summary>Reloads that were invalid (or whose sinks could not be created); the running configuration stayed.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    public void OnApplied() => Interlocked.Increment(ref _applied);

    public void OnRejected() => Interlocked.Increment(ref _rejected);
}
