namespace Gateway.Core.Routing;

/// <summary>
/// Where messages come from. An input is created once per configured id with an <see cref="InputContext"/> whose
/// <see cref="InputContext.Dispatcher"/> takes its messages; <see cref="StartAsync"/> returns once it listens (or,
/// for a client, once it started connecting), and <see cref="StopAsync"/> stops taking new messages.
/// Inputs that are HTTP endpoints (mapped by the host) start and stop with the web server and do nothing here.
/// </summary>
public interface IMessageInput : IAsyncDisposable
{
    /// <summary>The configured id.</summary>
    string Id { get; }

    Task StartAsync(CancellationToken cancellationToken);

    Task StopAsync(CancellationToken cancellationToken);
}
