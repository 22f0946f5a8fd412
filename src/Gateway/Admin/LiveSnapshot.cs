using Gateway.Hosting;

namespace Gateway.Admin;

/// <summary>
/// One event of <c>GET /admin/api/events</c>: the overview's counters and queues, the configuration's
/// <see cref="Generation"/> (it changes when a reload applied, and the page then fetches the map again), the paused
/// sinks and the last reload.
/// </summary>
public sealed record LiveSnapshot(AdminOverview Overview, long Generation, IReadOnlyList<string> PausedSinks, ConfigurationReloadOutcome? LastReload);
