namespace Gateway.Http.Health;

/// <summary>The answer of <c>GET /healthz</c>: the process is up.</summary>
/// <param name="Status">Always <c>Healthy</c> (an unhealthy process does not answer).</param>
/// <param name="Version">The gateway's version.</param>
/// <param name="UptimeSeconds">Seconds since the process started.</param>
public sealed record LivenessReport(string Status, string Version, double UptimeSeconds);
