using System.Text;
using System.Threading.Channels;
using Gateway.Core.Routing;

namespace Gateway.Tests.Routing;

/// <summary>Options of the held test sink (none: its behaviour is the test's to drive).</summary>
public sealed class HeldSinkOptions;

/// <summary>
/// A batching sink registered with several batches in flight: every send (one message or a batch) waits until the
/// test completes it, in any order, with success or a failure, so a test sees what is outstanding at once.
/// </summary>
internal sealed class HeldSink : IBatchMessageSink
{
    private readonly Channel<HeldSend> _sends = Channel.CreateUnbounded<HeldSend>();

    /// <summary>The bodies of the messages whose sends succeeded, in the order they succeeded.</summary>
    public List<string> Delivered { get; } = [];

    /// <summary>The next send the reader started.</summary>
    public async Task<HeldSend> NextSendAsync(TimeSpan timeout) => await _sends.Reader.ReadAsync().AsTask().WaitAsync(timeout);

    /// <summary>True when a send started that no <see cref="NextSendAsync"/> took yet.</summary>
    public bool HasWaitingSend => _sends.Reader.TryPeek(out _);

    public ValueTask SendAsync(OutgoingMessage message, CancellationToken cancellationToken) => SendBatchAsync([message], cancellationToken);

    public async ValueTask SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        var send = new HeldSend([.. messages.Select(m => Encoding.UTF8.GetString(m.Body.Span))]);
        await _sends.Writer.WriteAsync(send, cancellationToken);
        await send.Outcome.WaitAsync(cancellationToken);
        lock (Delivered)
        {
            Delivered.AddRange(send.Bodies);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>One send of the <see cref="HeldSink"/>, waiting for the test.</summary>
internal sealed class HeldSend(IReadOnlyList<string> bodies)
{
    private readonly TaskCompletionSource _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<string> Bodies { get; } = bodies;

    public Task Outcome => _outcome.Task;

    public void Succeed() => _outcome.TrySetResult();

    public void Fail(bool transient) => _outcome.TrySetException(new SinkDeliveryException("the test refused it", transient));
}
