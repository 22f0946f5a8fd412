using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gateway.Core.Engine;
using Gateway.Core.Messages;
using Gateway.Http.Ingest;
using Gateway.Tests.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Admin;

/// <summary>
/// The in-memory gateway the admin API tests share: an admin key, a dead-letter folder and an Http input <c>csv</c>
/// (CSV) feeding the route <c>orders</c>, plus the sinks and route settings each test class adds. Deletes its folder
/// when disposed.
/// </summary>
public sealed class AdminTestGateway : IAsyncDisposable
{
    public const string Key = "test-key-0123456789abcdef";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly GatewayAppFactory _factory;

    /// <param name="settings">The sinks and the rest of the route <c>orders</c> (<c>Gateway:Routes:orders:Sinks:0</c>, ...).</param>
    public AdminTestGateway(Dictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["Gateway:Admin:ApiKey"] = Key;
        settings["Gateway:DeadLetters:Folder"] = DeadLetters;
        settings["Gateway:Inputs:csv:Type"] = "Http";
        settings["Gateway:Inputs:csv:Path"] = "/in/csv";
        settings["Gateway:Inputs:csv:Format"] = "Csv";
        settings["Gateway:Routes:orders:Input"] = "csv";
        _factory = new GatewayAppFactory(settings);
    }

    public string DeadLetters { get; } = Path.Combine(Path.GetTempPath(), "gateway-tests", Guid.NewGuid().ToString("N"));

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        if (Directory.Exists(DeadLetters))
        {
            Directory.Delete(DeadLetters, recursive: true);
        }
    }

    /// <summary>A client without the key.</summary>
    public HttpClient CreateClient(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions? options = null) =>
        options is null ? _factory.CreateClient() : _factory.CreateClient(options);

    /// <summary>A client that sends the key in <c>X-Api-Key</c>.</summary>
    public HttpClient Authorized()
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return client;
    }

    /// <summary>
    /// Hands a body to the csv input's routes the way a TCP or MQTT input does: one that does not decode is stored and
    /// dead-lettered (an Http input would refuse it with 400 instead).
    /// </summary>
    public async Task DeadLetterAsync(string csv)
    {
        var engine = _factory.Services.GetRequiredService<GatewayEngine>();
        Assert.True(engine.TryGetInput("csv", out var input));
        var receipt = await ((HttpInput)input).Context.Dispatcher.DispatchAsync(new Message(Encoding.UTF8.GetBytes(csv), "Csv", "csv"), CancellationToken.None);
        await receipt.Committed;
    }

    /// <summary>Waits until <c>GET /admin/api/dead-letters</c> lists exactly <paramref name="count"/> entries; returns them.</summary>
    public static async Task<JsonElement[]> WaitForDeadLettersAsync(HttpClient client, int count)
    {
        ArgumentNullException.ThrowIfNull(client);
        var deadline = DateTime.UtcNow + Timeout;
        var letters = Array.Empty<JsonElement>();
        while (DateTime.UtcNow < deadline)
        {
            letters = await client.GetFromJsonAsync<JsonElement[]>(new Uri("/admin/api/dead-letters", UriKind.Relative)) ?? [];
            if (letters.Length == count)
            {
                return letters;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"expected {count} dead letters, found {letters.Length}");
        return letters;
    }
}
