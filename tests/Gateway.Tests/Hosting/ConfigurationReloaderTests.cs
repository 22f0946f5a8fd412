using Gateway.Hosting;
using Gateway.Tests.Routing;
using Gateway.Tests.Transports.Mqtt;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Hosting;

/// <summary>
/// <see cref="ConfigurationReloader"/> on a real file and a running engine, with a fake clock for the debounce and
/// change notifications raised by the test: what is applied, what is refused, and that a refused file never
/// empties the running routes.
/// </summary>
public sealed class ConfigurationReloaderTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(300);

    private const string Sinks = """ "out": { "Type": "Recording" } """;

    private readonly string _folder = Directory.CreateTempSubdirectory("gateway-reload-").FullName;
    private readonly FakeTimeProvider _time = new();
    private readonly ListLogger _log = new();
    private readonly ConfigurationReloadStatus _status = new();
    private ManualChangeFileProvider _files = null!;
    private EngineHarness _harness = null!;
    private ConfigurationReloader _reloader = null!;

    private string ConfigFile => Path.Combine(_folder, "gateway.json");

    public async Task InitializeAsync()
    {
        var gateway = Gateway(Route("first"));
        await File.WriteAllTextAsync(ConfigFile, $$"""{ "Gateway": {{gateway}} }""");
        _harness = await EngineHarness.StartAsync(gateway);
        _files = new ManualChangeFileProvider(_folder);

        // The host's file source: a file that no longer parses is dropped (its keys vanish) instead of throwing.
        var source = new JsonConfigurationSource { FileProvider = _files, Path = "gateway.json", ReloadOnChange = true, ReloadDelay = 0 };
        source.OnLoadException = context => context.Ignore = true;
        var configuration = new ConfigurationBuilder().Add(source).Build();

        var pipelines = NamedPipelines.Build(configuration.GetSection("Gateway:Pipelines"), _harness.Services.GetRequiredService<Gateway.Core.Converters.ConverterCatalog>(), []);
        _reloader = new ConfigurationReloader(ConfigFile, configuration, _harness.Services, _harness.Engine, pipelines, _status, _time, new LoggerFactory([_log]).CreateLogger<ConfigurationReloader>());
        await _reloader.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _reloader.StopAsync(CancellationToken.None);
        await _harness.DisposeAsync();
    }

    public void Dispose()
    {
        _reloader.Dispose();
        _files.Dispose();
        _log.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_valid_change_applies_once_the_debounce_has_passed_and_not_before()
    {
        await SaveAsync(Gateway(Route("first") + "," + Route("second")));

        _time.Advance(Debounce - TimeSpan.FromMilliseconds(1));
        Assert.True(_reloader.PendingReload.IsCompleted);
        Assert.Equal(0, _status.Applied);
        Assert.Equal(["first"], RunningRoutes());

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await _reloader.PendingReload;

        Assert.Equal((1, 0), (_status.Applied, _status.Rejected));
        Assert.Equal(["first", "second"], RunningRoutes());
    }

    [Fact]
    public async Task Reload_now_applies_what_the_file_holds_before_the_watcher_saw_it_and_only_once()
    {
        // Written, but no change notification yet: the configuration still holds the old text.
        await File.WriteAllTextAsync(ConfigFile, $$"""{ "Gateway": {{Gateway(Route("first") + "," + Route("second"))}} }""");

        var outcome = await _reloader.ReloadNowAsync();

        Assert.NotNull(outcome);
        Assert.Equal((1, 0), (_status.Applied, _status.Rejected));
        Assert.Equal(["first", "second"], RunningRoutes());

        // Reading the file raised the change notification; its debounced reload would only repeat this one.
        _time.Advance(Debounce);
        await _reloader.PendingReload;
        Assert.Equal((1, 0), (_status.Applied, _status.Rejected));
    }

    [Fact]
    public async Task Saves_within_the_debounce_are_applied_once_with_the_last_text()
    {
        await SaveAsync(Gateway(Route("first") + "," + Route("second")));
        _time.Advance(TimeSpan.FromMilliseconds(200));
        await SaveAsync(Gateway(Route("third")));
        _time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal(0, _status.Applied);

        _time.Advance(TimeSpan.FromMilliseconds(100));
        await _reloader.PendingReload;

        Assert.Equal((1, 0), (_status.Applied, _status.Rejected));
        Assert.Equal(["third"], RunningRoutes());
    }

    [Theory]
    [InlineData("""{ "Gateway": { "Routes": """, "line 1, column 26: the configuration file is not valid JSON: Expected depth to be zero")]
    [InlineData("""[ { "Gateway": {} } ]""", "expected a JSON object.")]
    public async Task A_file_that_is_not_a_json_object_is_refused_and_the_running_routes_stay(string text, string problem)
    {
        await File.WriteAllTextAsync(ConfigFile, text);
        await ReloadAsync();

        Assert.Equal((0, 1), (_status.Applied, _status.Rejected));
        Assert.Equal(["first"], RunningRoutes());
        AssertLogged($"Configuration reload problem: {ConfigFile}: {problem}");
    }

    [Fact]
    public async Task A_deleted_file_is_refused_and_the_running_routes_stay()
    {
        File.Delete(ConfigFile);
        await ReloadAsync();

        Assert.Equal((0, 1), (_status.Applied, _status.Rejected));
        Assert.Equal(["first"], RunningRoutes());
        AssertLogged($"Configuration reload problem: {ConfigFile}: the configuration file cannot be read.");
    }

    [Fact]
    public async Task A_sink_that_cannot_be_created_is_refused_by_name_and_a_corrected_file_then_applies()
    {
        await SaveAsync(Gateway(Route("first", "\"down\""), Sinks + """, "down": { "Type": "Unreachable" } """));
        _time.Advance(Debounce);
        await _reloader.PendingReload;

        Assert.Equal((0, 1), (_status.Applied, _status.Rejected));
        Assert.Equal(["out"], _harness.Engine.Sinks.Keys);
        AssertLogged("Configuration reload problem: Gateway:Sinks: a sink could not be created: sink 'down' cannot be created");

        await SaveAsync(Gateway(Route("first") + "," + Route("second")));
        _time.Advance(Debounce);
        await _reloader.PendingReload;

        Assert.Equal((1, 1), (_status.Applied, _status.Rejected));
        Assert.Equal(["first", "second"], RunningRoutes());
    }

    [Fact]
    public async Task A_change_to_a_section_that_needs_a_restart_is_named_and_the_rest_applies()
    {
        await SaveAsync(Gateway(Route("first") + "," + Route("second"), extra: """, "Buffer": { "MaxBytes": 1048576 }"""));
        _time.Advance(Debounce);
        await _reloader.PendingReload;

        Assert.Equal((1, 0), (_status.Applied, _status.Rejected));
        Assert.Equal(["first", "second"], RunningRoutes());
        AssertLogged("Restart needed: Gateway:Buffer changed; it applies after a restart");
    }

    private static string Route(string id, string sinks = "\"out\"") => $$""" "{{id}}": { "Input": "in", "Sinks": [ {{sinks}} ] } """;

    private static string Gateway(string routes, string sinks = Sinks, string extra = "")
        => $$"""{ "Inputs": { "in": { "Type": "Test" } }, "Sinks": { {{sinks}} }, "Routes": { {{routes}} }{{extra}} }""";

    private async Task SaveAsync(string gateway)
    {
        await File.WriteAllTextAsync(ConfigFile, $$"""{ "Gateway": {{gateway}} }""");
        _files.RaiseChanged();
    }

    private async Task ReloadAsync()
    {
        _files.RaiseChanged();
        _time.Advance(Debounce);
        await _reloader.PendingReload;
    }

    private string[] RunningRoutes() => [.. _harness.Engine.Table.Routes.Keys.Order(StringComparer.Ordinal)];

    private void AssertLogged(string text)
        => Assert.True(_log.Contains(text), $"expected a log line with '{text}'; logged: {string.Join(" | ", _log.Lines.Select(l => l.Text))}");
}
