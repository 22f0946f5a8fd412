using Gateway.Hosting;

namespace Gateway.Admin;

/// <summary>
/// The answer of <c>GET /admin/api/reload</c>: whether reloading is possible (the gateway was started with a
/// configuration file), how many reloads were applied and rejected since start, and the last one.
/// </summary>
public sealed record ReloadState(bool Enabled, long Applied, long Rejected, ConfigurationReloadOutcome? Last);
