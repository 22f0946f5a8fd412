using Gateway.Core.Formats;
using Gateway.Core.Messages;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Gateway.Core.Routing;

/// <summary>
/// One sink as one route uses it: encodes canonical messages into the sink's format and sends them through the
/// sink's resilience pipeline (per-attempt timeout inside exponential retries with jitter), counting what happens.
/// </summary>
internal sealed class SinkDelivery
{
    private static readonly ResiliencePropertyKey<Guid> MessageIdKey = new("gateway.message-id");

    private readonly SinkDefinition _definition;
    private readonly IMessageSink _sink;
    private readonly DataFormat _json;
    private readonly ResiliencePipeline _pipeline;

    public SinkDelivery(string routeId, SinkDefinition definition, IMessageSink sink, FormatRegistry formats, EndpointCounters counters, ILogger logger)
    {
        _definition = definition;
        _sink = sink;
        _json = formats.Get(FormatNames.Json);
        Counters = counters;
        var settings = definition.Settings;
        var builder = new ResiliencePipelineBuilder();
        if (settings.Retry.MaxAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = settings.Retry.MaxAttempts,
                Delay = settings.Retry.Delay,
                MaxDelay = settings.Retry.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && IsTransient(ex, args.Context.CancellationToken)),
                OnRetry = args =>
                {
                    counters.OnRetried();
                    counters.OnAttemptFailed(Describe(args.Outcome.Exception!));
                    if (!logger.IsEnabled(LogLevel.Information))
                    {
                        return default;
                    }

                    args.Context.Properties.TryGetValue(MessageIdKey, out var id);
                    var error = Describe(args.Outcome.Exception!);
                    RoutingLog.Retrying(logger, routeId, definition.Id, args.AttemptNumber + 1, id, args.RetryDelay, error);
                    return default;
                },
            });
        }

        _pipeline = builder.AddTimeout(settings.AttemptTimeout).Build();
    }

    public string Id => _definition.Id;

    public EndpointCounters Counters { get; }

    /// <summary>What to tell a person about <paramref name="error"/>.</summary>
    public static string Describe(Exception error) => error switch
    {
        FormatReadException { Location: { } location } read when !read.Message.Contains(location, StringComparison.Ordinal) => $"{read.Message} ({location})",
        TimeoutRejectedException timeout => $"no answer within {timeout.Timeout.TotalSeconds:0.###} s",
        AggregateException { InnerExceptions.Count: 1 } aggregate => Describe(aggregate.InnerExceptions[0]),
        _ => error.Message,
    };

    /// <summary>
    /// Encodes <paramref name="message"/> for the sink: canonical messages into the sink's format (a JSON sink costs
    /// nothing); a message that never became canonical (a conversion failure on its way to the dead letters) keeps its body.
    /// Throws <see cref="FormatReadException"/> when the record cannot be written in the sink's format.
    /// </summary>
    public OutgoingMessage Encode(Message message)
    {
        if (!message.IsCanonical)
        {
            return new OutgoingMessage(message, message.Body, message.Format);
        }

        var body = string.Equals(_definition.Format.Name, FormatNames.Json, StringComparison.OrdinalIgnoreCase)
            ? message.Body
            : FormatConverter.Convert(message.Body, _json, _definition.Format, _definition.FormatOptions, out _);
        return new OutgoingMessage(message, body, _definition.Format.Name);
    }

    /// <summary>Sends <paramref name="message"/>, retrying transient failures; throws the last failure.</summary>
    public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(MessageIdKey, message.Canonical.Id);
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

    /// <summary>True when the sink takes batches (<see cref="IBatchMessageSink"/>).</summary>
    public bool CanBatch => _sink is IBatchMessageSink;

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

    private static bool IsTransient(Exception error, CancellationToken cancellationToken) => error switch
    {
        SinkDeliveryException delivery => delivery.IsTransient,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => true,
    };
}
