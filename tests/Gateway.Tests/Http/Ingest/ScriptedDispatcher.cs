using System.Diagnostics.CodeAnalysis;
using Gateway.Core.Messages;
using Gateway.Core.Routing;

namespace Gateway.Tests.Http.Ingest;

/// <summary>
/// A dispatcher whose answers the test sets: the commit and the delivery report are tasks the test completes, so
/// it decides when a message counts as stored (<see cref="Commit"/>) and delivered (<see cref="Delivery"/>).
/// </summary>
internal sealed class ScriptedDispatcher : IMessageDispatcher
{
    public TaskCompletionSource Commit { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<DeliveryReport> Delivery { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The records the receipt reports.</summary>
    public int Records { get; set; } = 1;

    /// <summary>When set, <see cref="TryDispatch"/> throws it (a conversion failure, a gateway that began stopping).</summary>
    public Exception? Throws { get; set; }

    /// <summary>When true, <see cref="TryDispatch"/> answers "no room" with <see cref="Refusal"/>.</summary>
    public bool Full { get; set; }

    public string? Refusal { get; set; }

    public List<(Message Message, DispatchOptions Options)> Dispatched { get; } = [];

    public Message Single => Assert.Single(Dispatched).Message;

    public ValueTask<MessageReceipt> DispatchAsync(Message message, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the HTTP input uses TryDispatch");

    public bool TryDispatch(Message message, DispatchOptions options, [NotNullWhen(true)] out MessageReceipt? receipt, out string? refusal)
    {
        Dispatched.Add((message, options));
        if (Throws is { } exception)
        {
            throw exception;
        }

        refusal = Refusal;
        receipt = Full ? null : new MessageReceipt(message.Id, Records, Commit.Task, Delivery.Task);
        return !Full;
    }
}
