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

    /// <summary>
    /// True when the input listens on a port of this process (TCP): it starts together with the other listeners,
    /// before anything connects out. The others (broker clients, folders) start once every listener is bound, so that
    /// a process that cannot bind a port never takes messages, a broker session or a file from an instance running.
    /// </summary>
    bool Listens => false;

    Task StartAsync(CancellationToken cancellationToken);

    Task StopAsync(CancellationToken cancellationToken);
}
