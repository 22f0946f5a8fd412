using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gateway.FunctionalTests.Support;

/// <summary>
/// An HTTP destination for gateway sinks on 127.0.0.1: records every request (method, path, headers, body) and answers
/// <see cref="ResponseStatus"/> after <see cref="ResponseDelay"/>. It can be stopped (connections are refused) and
/// started again on the same port, to play a destination that goes down and comes back.
/// </summary>
public sealed class HttpCaptureServer : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly List<CapturedRequest> requests = [];
    private WebApplication? app;
    private volatile int responseStatus = StatusCodes.Status200OK;
    private long responseDelayTicks;

    private HttpCaptureServer()
    {
    }

    /// <summary>The bound port (fixed at the first start; later starts reuse it).</summary>
    public int Port { get; private set; }

    /// <summary>The status every request is answered with (200 by default; 500 or 503 to play a failing destination).</summary>
    public int ResponseStatus
    {
        get => responseStatus;
        set => responseStatus = value;
    }

    /// <summary>How long each answer is held back (to exceed the gateway's attempt timeout).</summary>
    public TimeSpan ResponseDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref responseDelayTicks));
        set => Interlocked.Exchange(ref responseDelayTicks, value.Ticks);
    }

    public bool IsRunning => app is not null;

    /// <summary>Every request so far, in arrival order, whatever it was answered.</summary>
    public IReadOnlyList<CapturedRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>The requests answered with a 2xx status (what the gateway counts as delivered).</summary>
    public IReadOnlyList<CapturedRequest> Accepted => [.. Requests.Where(r => r.Accepted)];

    /// <summary>The URL of <paramref name="path"/> on this server (for a sink's <c>Url</c>).</summary>
    public string Url(string path = "/") => $"http://127.0.0.1:{Port}{(path.StartsWith('/') ? path : "/" + path)}";

    /// <summary>Starts a server on <paramref name="port"/> (0: a free one).</summary>
    public static async Task<HttpCaptureServer> StartAsync(int port = 0)
    {
        var server = new HttpCaptureServer { Port = port };
        await server.StartAsync();
        return server;
    }

    /// <summary>Starts (again) on <see cref="Port"/>; retries for a while when the port is still being released.</summary>
    public async Task StartAsync()
    {
        if (app is not null)
        {
            return;
        }

        var deadline = DateTime.UtcNow + Timeouts.Operation;
        while (true)
        {
            var candidate = Build(Port);
            try
            {
                await candidate.StartAsync().WaitAsync(Timeouts.Operation);
                Port = new Uri(candidate.Urls.First()).Port;
                app = candidate;
                return;
            }
            catch (IOException) when (Port != 0 && DateTime.UtcNow < deadline)
            {
                await candidate.DisposeAsync();
                await Task.Delay(100);
            }
            catch
            {
                await candidate.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Stops listening and closes open connections; requests in flight are cut off.</summary>
    public async Task StopAsync()
    {
        if (app is null)
        {
            return;
        }

        var running = app;
        app = null;
        using var abort = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await running.StopAsync(abort.Token).WaitAsync(Timeouts.Stop);
        await running.DisposeAsync();
    }

    /// <summary>Waits until at least <paramref name="count"/> requests were answered with 2xx and returns them.</summary>
    public async Task<IReadOnlyList<CapturedRequest>> WaitForAcceptedAsync(int count, TimeSpan? timeout = null)
    {
        await Poll.UntilAsync(
            () => Accepted.Count >= count,
            timeout ?? Timeouts.Delivery,
            () => $"the HTTP capture server on port {Port} accepted {Accepted.Count} of {count} requests ({Requests.Count} received in all).");
        return Accepted;
    }

    /// <summary>Waits until at least <paramref name="count"/> requests arrived, whatever they were answered.</summary>
    public async Task<IReadOnlyList<CapturedRequest>> WaitForRequestsAsync(int count, TimeSpan? timeout = null)
    {
        await Poll.UntilAsync(
            () => Requests.Count >= count,
            timeout ?? Timeouts.Delivery,
            () => $"the HTTP capture server on port {Port} received {Requests.Count} of {count} requests.");
        return Requests;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private WebApplication Build(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        var web = builder.Build();
        web.Run(CaptureAsync);
        return web;
    }

    private async Task CaptureAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var delay = ResponseDelay;
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, context.RequestAborted);
        }

        var status = ResponseStatus;
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        lock (gate)
        {
            requests.Add(new CapturedRequest(
                context.Request.Method, context.Request.Path.Value ?? "/", context.Request.QueryString.Value ?? string.Empty, headers, body.ToArray(), status));
        }

        context.Response.StatusCode = status;
        if (status >= 400)
        {
            await context.Response.WriteAsync($"capture server answers {status} ({(HttpStatusCode)status})", context.RequestAborted);
        }
    }
}
