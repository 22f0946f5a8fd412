using Gateway.Core.Engine;

namespace Gateway.Admin;

/// <summary>
/// The answer of <c>GET /admin/api/map</c>: the running configuration as the dashboard draws it. <see cref="Generation"/>
/// changes with every applied reload; the live events carry it, so the page knows when to fetch the map again.
/// </summary>
public sealed record RouteMap(long Generation, IReadOnlyList<MapNode> Inputs, IReadOnlyList<MapRoute> Routes, IReadOnlyList<MapNode> Sinks)
{
    internal static RouteMap Of(GatewayEngine engine, IConfiguration configuration, long generation)
    {
        var table = engine.Table;
        var paused = engine.Pauses;
        return new RouteMap(
            generation,
            [.. table.Inputs.Values.OrderBy(i => i.Id, StringComparer.Ordinal)
                .Select(i => new MapNode(i.Id, i.Type, i.Format, SettingsMasker.Settings(configuration.GetSection(i.Path))))],
            [.. table.Routes.Values.OrderBy(r => r.Id, StringComparer.Ordinal)
                .Select(r => new MapRoute(r.Id, r.Input, r.Pipeline.StepNames, r.Sinks, r.DeadLetter, SettingsMasker.Settings(configuration.GetSection(r.Path))))],
            [.. table.Sinks.Values.OrderBy(s => s.Id, StringComparer.Ordinal)
                .Select(s => new MapNode(s.Id, s.Type, s.Format.Name, SettingsMasker.Settings(configuration.GetSection(s.Path)), paused.IsPaused(s.Id)))]);
    }
}
