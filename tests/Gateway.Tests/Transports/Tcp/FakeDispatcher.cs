using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using Gateway.Core.Messages;
using Gateway.Core.Routing;

namespace Gateway.Tests.Transports.Tcp;

/// <summary>
/// A dispatcher that records messages. While <see cref="Gate"/> is set and not completed, <see cref="DispatchAsync"/>
/// waits for it, like a route whose queue is full.
/// </summary>
internal sealed class FakeDispatcher : IMessageDispatcher
{
    private readonly Channel<Message> _messages = Channel.CreateUnbounded<Message>();
    private int _calls;

    public TaskCompletionSource? Gate { get; set; }

    /// <summary>How many times <see cref="DispatchAsync"/> was called (also those still waiting at the gate).</summary>
    public int Calls => Volatile.Read(ref _calls);

    public async ValueTask<MessageReceipt> DispatchAsync(Message message, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        _messages.Writer.TryWrite(message);
        return Receipt(message);
    }

    public bool TryDispatch(Message message, DispatchOptions options, [NotNullWhen(true)] out MessageReceipt? receipt, out string? refusal)
    {
        refusal = null;
        Interlocked.Increment(ref _calls);
        _messages.Writer.TryWrite(message);
        receipt = Receipt(message);
        return true;
    }

    /// <summary>The next dispatched message; fails the test after <paramref name="timeout"/>.</summary>
    public async Task<Message> NextAsync(TimeSpan timeout) => await _messages.Reader.ReadAsync().AsTask().WaitAsync(timeout);

    /// <summary>The next <paramref name="count"/> messages' bodies as text.</summary>
    public async Task<List<string>> NextBodiesAsync(int count, TimeSpan timeout)
    {
        var bodies = new List<string>(count);
        using var cancel = new CancellationTokenSource(timeout);
        for (var i = 0; i < count; i++)
        {
            var message = await _messages.Reader.ReadAsync(cancel.Token);
            bodies.Add(System.Text.Encoding.UTF8.GetString(message.Body.Span));
        }

        return bodies;
    }

    /// <summary>Whether a message is waiting (none should, after a frame was refused).</summary>
    public bool HasMore => _messages.Reader.TryPeek(out _);

    private static MessageReceipt Receipt(Message message) =>
        new(message.Id, 1, Task.CompletedTask, Task.FromResult(new DeliveryReport(1, [])));
}
