using System.Text.Json;
using Gateway.Core.Configuration;
using Gateway.Core.Engine;
using Gateway.Core.Routing;
using Microsoft.Extensions.Primitives;

namespace Gateway.Hosting;

/// <summary>
/// Applies changes of the configuration file while the gateway runs, with YARP's semantics: when the file
/// (<c>--config</c> or <c>GATEWAY_CONFIG</c>) is saved, waits <see cref="Debounce"/> for the writes to settle, validates the whole
/// <c>Gateway</c> section into a new <see cref="GatewaySnapshot"/> (route table and named pipelines), and swaps it in
/// (<see cref="GatewayEngine.ReloadAsync"/>). An invalid change (a file that does not parse or was removed
/// included) is logged, problem by problem, and the running configuration stays. Only the sections registered as
/// applied on reload are (<see cref="Core.Configuration.GatewaySectionRegistration.AppliedOnReload"/>: inputs, sinks,
/// routes, pipelines); a change to any other one is logged as needing a restart.
/// </summary>
internal sealed class ConfigurationReloader : IHostedService, IDisposable
{
    /// <summary>How long after the last change notification the reload runs (editors save in several writes).</summary>
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(300);

    private static readonly JsonDocumentOptions FileSyntax = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private readonly string _configFile;
    private readonly IConfiguration _configuration;
    private readonly IConfigurationSection _gateway;
    private readonly IServiceProvider _services;
    private readonly GatewayEngine _engine;
    private readonly NamedPipelines _pipelines;
    private readonly ConfigurationReloadStatus _status;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private readonly SemaphoreSlim _applying = new(1, 1);
    private readonly string[] _reloadedSections;
    private readonly Dictionary<string, string> _startSections;
    private string _pipelinesFingerprint;
    private IDisposable? _subscription;
    private Task _pending = Task.CompletedTask;

    public ConfigurationReloader(string configFile, IConfiguration configuration, IServiceProvider services, GatewayEngine engine, NamedPipelines pipelines, ConfigurationReloadStatus status, TimeProvider time, ILogger<ConfigurationReloader> logger)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(time);
        _configFile = configFile ?? throw new ArgumentNullException(nameof(configFile));
        _configuration = configuration;
        _gateway = configuration.GetSection(GatewayConfiguration.SectionName);
        _services = services ?? throw new ArgumentNullException(nameof(services));
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
        _pipelines = pipelines ?? throw new ArgumentNullException(nameof(pipelines));
        _status = status ?? throw new ArgumentNullException(nameof(status));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _timer = time.CreateTimer(_ => _pending = ReloadInBackgroundAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _reloadedSections = [.. GatewayConfigurationValidator.Sections(_services).Where(s => s.AppliedOnReload).Select(s => s.Name)];
        _startSections = RestartSections();
        _pipelinesFingerprint = ConfigurationFingerprint.Of(_gateway.GetSection(GatewayConfigurationValidator.PipelinesSection));
    }

    /// <summary>The reload the debounce timer started last (completed when none runs); tests await it.</summary>
    internal Task PendingReload => Volatile.Read(ref _pending);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = ChangeToken.OnChange(_gateway.GetReloadToken, () => _timer.Change(Debounce, Timeout.InfiniteTimeSpan));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        _timer.Dispose(); // a disposed timer never fires again, and disposing twice is harmless
        await _pending.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reloads now (<c>POST /admin/api/reload</c>): the outcome, or null when the gateway is stopping.</summary>
    internal async Task<ConfigurationReloadOutcome?> ReloadNowAsync()
    {
        ReadConfigFileNow();
        return await ReloadAsync("admin").ConfigureAwait(false) ? _status.Last : null;
    }

    /// <summary>
    /// Reads the config file into the configuration now: the file watcher may not have seen the last write yet (it
    /// waits before it reads), and "Reload now" must apply what the file holds. Reading it raises the change
    /// notification, whose debounced reload would repeat this one, so it is called off.
    /// </summary>
    private void ReadConfigFileNow()
    {
        if (_configuration is not IConfigurationRoot root)
        {
            return;
        }

        var path = Path.GetFullPath(_configFile);
        foreach (var provider in root.Providers.OfType<FileConfigurationProvider>())
        {
            var source = provider.Source;
            if (source.Path is { } name && source.FileProvider?.GetFileInfo(name).PhysicalPath is { } physical
                && string.Equals(Path.GetFullPath(physical), path, StringComparison.Ordinal))
            {
                try
                {
                    provider.Load();
                }
                catch (Exception ex) when (ex is InvalidDataException or FormatException or IOException)
                {
                    // A file that cannot be read or parsed: the reload reads it itself and reports where.
                }
            }
        }

        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// Validates the configuration as it is now and applies it, or logs every problem and keeps the running one;
    /// false when the engine is stopping.
    /// </summary>
    private async Task<bool> ReloadAsync(string trigger = "file")
    {
        await _applying.WaitAsync().ConfigureAwait(false);
        try
        {
            var problems = new List<string>();
            GatewaySnapshot? snapshot = null;
            ReloadResult? changes = null;
            try
            {
                if (FileProblem() is { } unreadable)
                {
                    problems.Add(unreadable);
                }
                else
                {
                    problems.AddRange(GatewayConfigurationValidator.Validate(_gateway, _services, out snapshot));
                }
            }
            catch (GatewayConfigurationException ex)
            {
                problems.AddRange(ex.Errors.Count > 0 ? ex.Errors : [ex.Message]);
            }

            if (problems.Count == 0)
            {
                try
                {
                    changes = await _engine.ReloadAsync(snapshot!.Routes, CancellationToken.None).ConfigureAwait(false);
                }
                catch (ObjectDisposedException)
                {
                    return false; // stopping
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    problems.Add($"{GatewayConfiguration.SectionName}:{RouteTableBuilder.SinksSection}: a sink could not be created: {ex.Message}");
                }
            }

            if (problems.Count > 0)
            {
                Reject(problems, trigger);
                return true;
            }

            ApplyPipelines(snapshot!.Pipelines);
            ReportRestartSections();
            _status.OnApplied(trigger, changes);
            return true;
        }
        finally
        {
            _applying.Release();
        }
    }

    private async Task ReloadInBackgroundAsync()
    {
        try
        {
            await ReloadAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            ConfigurationReloadLog.Failed(_logger, ex);
        }
    }

    /// <summary>
    /// Stops watching. The host may still call <see cref="StopAsync"/> afterwards (the application's disposal and
    /// the host's stop race under WebApplicationFactory), so the semaphore, which has no wait handle, is left alone.
    /// </summary>
    public void Dispose()
    {
        _subscription?.Dispose();
        _timer.Dispose();
    }

    /// <summary>
    /// Why the file cannot be read as JSON, or null. The configuration provider drops a file it cannot parse (the
    /// section would look empty, as if every route were removed), so the file is read here first.
    /// </summary>
    private string? FileProblem()
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(_configFile), FileSyntax);
            return document.RootElement.ValueKind == JsonValueKind.Object ? null : $"{_configFile}: expected a JSON object.";
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return ConfigurationFileErrors.Describe(_configFile, ex);
        }
    }

    private void Reject(List<string> problems, string trigger)
    {
        _status.OnRejected(trigger, problems);
        ConfigurationReloadLog.Rejected(_logger, problems.Count);
        foreach (var problem in problems)
        {
            ConfigurationReloadLog.Problem(_logger, problem);
        }
    }

    private void ApplyPipelines(NamedPipelines pipelines)
    {
        var fingerprint = ConfigurationFingerprint.Of(_gateway.GetSection(GatewayConfigurationValidator.PipelinesSection));
        _pipelines.ReplaceWith(pipelines);
        if (!string.Equals(fingerprint, _pipelinesFingerprint, StringComparison.Ordinal))
        {
            _pipelinesFingerprint = fingerprint;
            ConfigurationReloadLog.PipelinesReloaded(_logger, pipelines.Names.Any() ? string.Join(", ", pipelines.Names.Order(StringComparer.Ordinal)) : "(none)");
        }
    }

    private void ReportRestartSections()
    {
        var now = RestartSections();
        foreach (var section in now.Keys.Union(_startSections.Keys, StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal))
        {
            if (!now.TryGetValue(section, out var after) || !_startSections.TryGetValue(section, out var before) || !string.Equals(before, after, StringComparison.Ordinal))
            {
                ConfigurationReloadLog.SectionNeedsRestart(_logger, section);
            }
        }
    }

    /// <summary>The fingerprint of every <c>Gateway</c> section a reload does not apply, by name.</summary>
    private Dictionary<string, string> RestartSections()
        => _gateway.GetChildren()
            .Where(s => !_reloadedSections.Contains(s.Key, StringComparer.OrdinalIgnoreCase))
            .ToDictionary(s => s.Key, s => s.Value ?? ConfigurationFingerprint.Of(s), StringComparer.OrdinalIgnoreCase);
}
