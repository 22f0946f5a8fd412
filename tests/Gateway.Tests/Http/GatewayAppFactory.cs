using System.Collections.Concurrent;
using Gateway.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Http;

/// <summary>
/// Hosts the real gateway in memory. Settings override configuration (<c>Gateway:Http:MaxBodyBytes</c>, ...); every
/// log entry at Warning or above is captured so tests can assert that bad input never logs an error.
/// The embedded defaults' inputs, sinks, routes and broker are left out (they would listen on fixed ports and write
/// files); tests configure the routes they need through settings.
/// </summary>
public sealed class GatewayAppFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public GatewayAppFactory()
        : this([])
    {
    }

    internal GatewayAppFactory(Dictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        _settings = settings;
        _services = services;
    }

    public ConcurrentQueue<string> Problems { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration((_, configuration) =>
        {
            for (var i = 0; i < configuration.Sources.Count; i++)
            {
                if (configuration.Sources[i] is DerivedConfigurationSource)
                {
                    configuration.Sources[i] = new DerivedConfigurationSource(
                        GatewayConfiguration.LoadDefaults,
                        key => !GatewayConfiguration.IsGatewayKey(key) || key.StartsWith("Gateway:Http", StringComparison.OrdinalIgnoreCase));
                }
            }
        });
        builder.ConfigureLogging(logging => logging.AddProvider(new CapturingLoggerProvider(Problems)));
        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> problems) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, problems);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> problems) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
            {
                problems.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
