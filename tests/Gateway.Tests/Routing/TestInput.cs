using Gateway.Core.Routing;

namespace Gateway.Tests.Routing;

/// <summary>Options of the test input (none).</summary>
public sealed class TestInputOptions
{
    /// <summary>Whether the input says it listens on a port (see <see cref="IMessageInput.Listens"/>).</summary>
    public bool Listens { get; set; }
}

/// <summary>An input that exposes its dispatcher, so tests send messages the way a transport would.</summary>
internal sealed class TestInput(InputContext context, bool listens = false) : IMessageInput
{
    public string Id => Context.Id;

    public InputContext Context { get; } = context;

    public bool Listens => listens;

    public bool Started { get; private set; }

    public bool Stopped { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Started = true;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Stopped = true;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
