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
/// The embedded defaults are replaced by an empty <c>Gateway</c> section through <c>GATEWAY_CONFIG</c> (their inputs
/// and broker would listen on fixed ports); tests configure the routes they need through settings.
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

    /// <summary>This host's files (the empty configuration, the buffer), deleted with it.</summary>
    private readonly Cli.TempDirectory _files = new();

    public ConcurrentQueue<string> Problems { get; } = new();

    /// <summary>This host's own buffer (<c>Gateway:Buffer:Folder</c>): hosts of parallel tests must not share one.</summary>
    public string BufferFolder => Path.Combine(_files.Path, "buffer");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting(GatewayConfiguration.ConfigFileSetting, _files.File("empty.json", """{ "Gateway": {} }"""));
        builder.UseSetting("Gateway:Buffer:Folder", BufferFolder);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(new CapturingLoggerProvider(Problems)));
        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _files.Dispose();
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
