using Gateway.Core.Routing;

namespace Gateway.Hosting;

/// <summary>How configuration reloads went so far (the <c>gateway.config.reloads</c> metric and the dashboard read it).</summary>
internal sealed class ConfigurationReloadStatus(TimeProvider time)
{
    private long _applied;
    private long _rejected;
    private ConfigurationReloadOutcome? _last;

    public ConfigurationReloadStatus()
        : this(TimeProvider.System)
    {
    }

    /// <summary>The last reload, or null when none ran since start.</summary>
    public ConfigurationReloadOutcome? Last => Volatile.Read(ref _last);

    /// <summary>Reloads that were validated and applied.</summary>
    public long Applied => Interlocked.Read(ref _applied);

    /// <summary>Reloads that were invalid (or whose sinks could not be created); the running configuration stayed.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    public void OnApplied(string trigger = "file", ReloadResult? changes = null)
    {
        Volatile.Write(ref _last, new ConfigurationReloadOutcome(time.GetUtcNow(), trigger, true, [], changes));
        Interlocked.Increment(ref _applied);
    }

    public void OnRejected(string trigger = "file", IReadOnlyList<string>? problems = null)
    {
        Volatile.Write(ref _last, new ConfigurationReloadOutcome(time.GetUtcNow(), trigger, false, problems ?? [], null));
        Interlocked.Increment(ref _rejected);
    }
}
