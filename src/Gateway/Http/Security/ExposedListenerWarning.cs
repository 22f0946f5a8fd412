using System.Net;
using Gateway.Admin;
using Gateway.Core.Configuration;
using Gateway.Core.Routing;
using Gateway.Http.Ingest;
using Gateway.Options;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Gateway.Http.Security;

/// <summary>
/// Once the HTTP server listens, logs one warning per address it listens on beyond loopback while something there
/// takes requests without authentication: <c>/convert</c>, an <c>Http</c> input, the admin dashboard and API.
/// </summary>
internal sealed class ExposedListenerWarning(
    IServer server,
    IHostApplicationLifetime lifetime,
    IServiceProvider services,
    IOptions<GatewayHttpOptions> http,
    AdminKey adminKey,
    ILoggerFactory loggers) : IHostedService
{
    private readonly ILogger _logger = loggers.CreateLogger(SecurityLog.Category);
    private CancellationTokenRegistration _started;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _started = lifetime.ApplicationStarted.Register(Warn);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _started.DisposeAsync().AsTask();

    /// <summary>True when <paramref name="address"/> (a Kestrel address such as <c>http://0.0.0.0:5080</c>) is reachable from other hosts.</summary>
    public static bool IsBeyondLoopback(string address)
    {
        ArgumentNullException.ThrowIfNull(address);

        // Kestrel's wildcards (http://+:80, http://*:80) are not valid URI hosts; they mean every interface.
        var host = Uri.TryCreate(address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            ? uri.Host.Trim('[', ']')
            : address;
        return !string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) && !(IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }

    /// <summary>What the HTTP server serves without authentication, for the warning.</summary>
    public IReadOnlyList<string> OpenEndpoints()
    {
        var open = new List<string>();
        if (http.Value.ConvertAuth is null)
        {
            open.Add("POST /convert");
        }

        try
        {
            var table = services.GetRequiredService<RouteTable>();
            open.AddRange(table.Inputs.Values
                .Where(i => i.Options is HttpInputOptions { Auth: null })
                .OrderBy(i => i.Id, StringComparer.Ordinal)
                .Select(i => $"input '{i.Id}' ({((HttpInputOptions)i.Options).Path})"));
        }
        catch (GatewayConfigurationException)
        {
            // An invalid configuration never gets this far: the host stops before it listens.
        }

        if (!adminKey.Required)
        {
            open.Add("the admin dashboard and API (no Gateway:Admin:ApiKey)");
        }

        return open;
    }

    private void Warn()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var exposed = addresses.Where(IsBeyondLoopback).ToList();
        if (exposed.Count == 0)
        {
            return;
        }

        var open = OpenEndpoints();
        if (open.Count == 0)
        {
            return;
        }

        foreach (var address in exposed)
        {
            SecurityLog.Exposed(_logger, "The HTTP server", address, string.Join(", ", open));
        }
    }
}
