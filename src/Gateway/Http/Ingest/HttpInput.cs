using Gateway.Core.Routing;

namespace Gateway.Http.Ingest;

/// <summary>
/// An <c>Http</c> input. It has no listener of its own: <see cref="IngestApi"/> maps its path on the gateway's web
/// server, and requests reach <see cref="IngestEndpoint"/> with this input.
/// </summary>
public sealed class HttpInput(HttpInputOptions options, InputContext context) : IMessageInput
{
    private volatile bool _stopped;

    public string Id => Context.Id;

    public HttpInputOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    public InputContext Context { get; } = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>False once the gateway is stopping: requests are answered 503.</summary>
    public bool IsAccepting => !_stopped;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _stopped = false;
        IngestLog.Listening(Context.Logger, Id, "POST/PUT", Options.Path);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopped = true;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
