namespace Gateway.Core.Observation;

/// <summary>
/// The live tails being watched, by route. The route engine asks <see cref="For"/> for every message it converts and
/// encodes: with nobody watching that is one volatile read and no allocation, so the tail costs nothing until an
/// admin opens it. At most <see cref="MaxWatchers"/> watchers at once, over all routes.
/// </summary>
public sealed class MessageTaps(TailLimits limits)
{
    /// <summary>The most watchers at once (each holds an open HTTP response).</summary>
    public const int MaxWatchers = 8;

    private readonly Lock _lock = new();
    private volatile RouteTap[] _taps = [];

    public MessageTaps()
        : this(new TailLimits())
    {
    }

    /// <summary>The tap of <paramref name="routeId"/> while somebody watches it, else null.</summary>
    public RouteTap? For(string routeId)
    {
        var taps = _taps;
        if (taps.Length == 0)
        {
            return null;
        }

        foreach (var tap in taps)
        {
            if (string.Equals(tap.RouteId, routeId, StringComparison.OrdinalIgnoreCase))
            {
                return tap;
            }
        }

        return null;
    }

    /// <summary>Starts watching <paramref name="routeId"/>; null when <see cref="MaxWatchers"/> already watch.</summary>
    public TailSubscription? Watch(string routeId)
    {
        ArgumentException.ThrowIfNullOrEmpty(routeId);
        lock (_lock)
        {
            if (_taps.Sum(t => t.Watchers) >= MaxWatchers)
            {
                return null;
            }

            var tap = For(routeId);
            if (tap is null)
            {
                tap = new RouteTap(routeId, limits);
                _taps = [.. _taps, tap];
            }

            var watcher = new TailSubscription(limits.Pending, w => Unwatch(tap, w));
            tap.Add(watcher);
            return watcher;
        }
    }

    private void Unwatch(RouteTap tap, TailSubscription watcher)
    {
        lock (_lock)
        {
            tap.Remove(watcher);
            if (tap.Watchers == 0)
            {
                _taps = [.. _taps.Where(t => !ReferenceEquals(t, tap))];
            }
        }
    }
}
