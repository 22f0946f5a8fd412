using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Support;

/// <summary>
/// Records the <c>Content-Length</c> of every request as the server saw it, so a test that means to send a body of
/// unknown length can prove it did (a client handler that buffers the body would add a length on the way).
/// </summary>
internal sealed class RequestLengthRecorder : IStartupFilter
{
    public ConcurrentQueue<long?> Seen { get; } = new();

    /// <summary>Registers this recorder in front of the gateway's own middleware.</summary>
    public void AddTo(IServiceCollection services) => services.AddSingleton<IStartupFilter>(this);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            Seen.Enqueue(context.Request.ContentLength);
            return following(context);
        });
        next(app);
    };
}
