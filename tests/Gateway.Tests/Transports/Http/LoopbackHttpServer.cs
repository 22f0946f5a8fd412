using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Transports.Http;

/// <summary>A real Kestrel server on 127.0.0.1 and a free port that records every request and answers with a handler.</summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackHttpServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The server's base address, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Starts a server answering 200 to everything, or what <paramref name="answer"/> writes.</summary>
    public static async Task<LoopbackHttpServer> StartAsync(Func<HttpContext, Task>? answer = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        LoopbackHttpServer? server = null;
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            server!.Requests.Enqueue(new RecordedRequest(
                context.Request.Method,
                context.Features.Get<IHttpRequestFeature>()!.RawTarget,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body.ToArray()));
            if (answer is not null)
            {
                await answer(context);
            }
        });
        await app.StartAsync().WaitAsync(SinkTestHost.Bound);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server = new LoopbackHttpServer(app, new Uri(address + "/"));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(SinkTestHost.Bound);
        await _app.DisposeAsync();
    }
}
