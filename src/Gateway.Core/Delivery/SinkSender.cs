using Gateway.Core.Formats;
using Gateway.Core.Routing;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Gateway.Core.Delivery;

/// <summary>
/// Sends to one sink through its resilience pipeline: a per-attempt timeout inside retries of transient failures
/// with capped exponential backoff and jitter, honouring the sink's <c>Retry-After</c>, for as long as the message is
/// younger than <see cref="RetrySettings.MaxDuration"/> (and within <see cref="RetrySettings.MaxAttempts"/> when set).
/// </summary>
internal sealed class SinkSender
{
    private static readonly ResiliencePropertyKey<OutgoingMessage> MessageKey = new("gateway.message");
    private static readonly TimeSpan LongestRetryAfter = TimeSpan.FromHours(1);

    private readonly SinkDefinition _definition;
    private readonly IMessageSink _sink;
    private readonly ResiliencePipeline _pipeline;

    public SinkSender(string routeId, SinkDefinition definition, IMessageSink sink, EndpointCounters counters, ILogger logger)
    {
        _definition = definition;
        _sink = sink;
        Counters = counters;
        var retry = definition.Settings.Retry;
        var builder = new ResiliencePipelineBuilder();
        if (retry.MaxAttempts is not 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = retry.MaxAttempts ?? int.MaxValue,
                Delay = retry.Delay,
                MaxDelay = retry.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex && IsTransient(ex, args.Context.CancellationToken)
                    && args.Context.Properties.TryGetValue(MessageKey, out var message)
                    && DateTimeOffset.UtcNow - message.Canonical.ReceivedAt < retry.MaxDuration),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is SinkDeliveryException { RetryAfter: { } after } ? (TimeSpan?)(after < LongestRetryAfter ? after : LongestRetryAfter) : null),
                OnRetry = args =>
                {
                    var error = Describe(args.Outcome.Exception!);
                    counters.OnRetried();
                    counters.OnAttemptFailed(error);
                    if (logger.IsEnabled(LogLevel.Information) && args.Context.Properties.TryGetValue(MessageKey, out var message))
                    {
                        DeliveryLog.Retrying(logger, routeId, definition.Id, args.AttemptNumber + 1, message.Canonical.Id, args.RetryDelay, error);
                    }

                    return default;
                },
            });
        }

        _pipeline = builder.AddTimeout(definition.Settings.AttemptTimeout).Build();
    }

    public string Id => _definition.Id;

    public EndpointCounters Counters { get; }

    /// <summary>How many batches the sink's reader keeps outstanding (<see cref="SinkDefinition.MaxInFlightBatches"/>).</summary>
    public int MaxInFlightBatches => _definition.MaxInFlightBatches;

    /// <summary>True when the sink takes batches (<see cref="IBatchMessageSink"/>).</summary>
    public bool CanBatch => _sink is IBatchMessageSink;

    /// <summary>True when the sink writes whole streams (<see cref="IStreamSink"/>): it takes canonical messages and end markers.</summary>
    public bool TakesStreams => _sink is IStreamSink;

    /// <summary>What to tell a person about <paramref name="error"/>.</summary>
    public static string Describe(Exception error) => error switch
    {
        FormatReadException { Location: { } location } read when !read.Message.Contains(location, StringComparison.Ordinal) => $"{read.Message} ({location})",
        TimeoutRejectedException timeout => $"no answer within {timeout.Timeout.TotalSeconds:0.###} s",
        AggregateException { InnerExceptions.Count: 1 } aggregate => Describe(aggregate.InnerExceptions[0]),
        _ => error.Message,
    };

    /// <summary>True when trying again may help: any failure but a sink's refusal, and a timeout that was not a stop.</summary>
    public static bool IsTransient(Exception error, CancellationToken cancellationToken) => error switch
    {
        SinkDeliveryException delivery => delivery.IsTransient,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => true,
    };

    /// <summary>Sends <paramref name="message"/>, retrying transient failures; throws the last failure.</summary>
    public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(MessageKey, message);
        try
        {
            await _pipeline.ExecuteAsync(
                static (ctx, state) => state.Sink.SendAsync(state.Message, ctx.CancellationToken),
                context,
                (Sink: _sink, Message: message)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        Counters.OnDelivered(message.Body.Length);
    }

    /// <summary>One attempt at sending <paramref name="message"/> within the attempt timeout (for dead letters: no retries); throws the failure.</summary>
    public async Task SendOnceAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(_definition.Settings.AttemptTimeout);
        await _sink.SendAsync(message, attempt.Token).ConfigureAwait(false);
        Counters.OnDelivered(message.Body.Length);
    }

    /// <summary>
    /// One attempt at sending <paramref name="messages"/> as a batch, within the attempt timeout. Returns false when it
    /// failed; the caller then sends them one by one with retries.
    /// </summary>
    public async Task<bool> TrySendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(_definition.Settings.AttemptTimeout);
        try
        {
            await ((IBatchMessageSink)_sink).SendBatchAsync(messages, attempt.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return false;
        }

        foreach (var message in messages)
        {
            Counters.OnDelivered(message.Body.Length);
        }

        return true;
    }
}
