using System.Net;
using Gateway.Admin;
using Gateway.Core.Configuration;
using Gateway.Core.Routing;
using Gateway.Http.Ingest;
using Gateway.Options;
using Gateway.Transports.Mqtt;
using Gateway.Transports.Tcp;
using Gateway.Transports.Tls;
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

    /// <summary>
    /// The other listeners reachable from other hosts without authentication, by name and address: <c>Tcp</c> inputs
    /// (<paramref name="inputOptions"/> by input id) that do not require a client certificate, and the embedded MQTT
    /// broker without <c>Users</c>.
    /// </summary>
    public static IEnumerable<(string Listener, string Address)> OpenTransportListeners(IEnumerable<(string Id, object Options)> inputOptions, MqttBrokerOptions? broker)
    {
        ArgumentNullException.ThrowIfNull(inputOptions);
        foreach (var (id, options) in inputOptions.OrderBy(i => i.Id, StringComparer.Ordinal))
        {
            if (options is TcpInputOptions tcp && IsBeyondLoopback(Address("tcp", tcp.Host, tcp.Port ?? 0))
                && tcp.Tls?.ClientCertificate != ClientCertificateMode.Require)
            {
                yield return ($"Tcp input '{id}' (no Tls with ClientCertificate: Require)", Address("tcp", tcp.Host, tcp.Port ?? 0));
            }
        }

        if (broker is { Enabled: true, Users.Count: 0 } && IsBeyondLoopback(Address("mqtt", broker.Host, broker.Port)))
        {
            yield return ("The embedded MQTT broker (no Gateway:MqttBroker:Users)", Address("mqtt", broker.Host, broker.Port));
        }
    }

    private static string Address(string scheme, string host, int port)
        => $"{scheme}://{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{port}";

    private void Warn()
    {
        IEnumerable<(string, object)> inputs;
        try
        {
            inputs = services.GetRequiredService<RouteTable>().Inputs.Values.Select(i => (i.Id, i.Options));
        }
        catch (GatewayConfigurationException)
        {
            inputs = []; // an invalid configuration never gets this far: the host stops before it listens
        }

        foreach (var (listener, address) in OpenTransportListeners(inputs, services.GetService<IOptions<MqttBrokerOptions>>()?.Value))
        {
            SecurityLog.Exposed(_logger, listener, address, "every client");
        }

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
