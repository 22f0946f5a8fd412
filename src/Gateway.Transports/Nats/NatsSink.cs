using Gateway.Core.Routing;
using Gateway.Core.Templates;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Gateway.Transports.Nats;

/// <summary>
/// Publishes each message to a templated subject. Core NATS: a send (or a batch) completes once a PING sent after it
/// was answered, so the server has the messages. JetStream (<see cref="NatsSinkOptions.Stream"/>): every message
/// is published with its id as <c>Nats-Msg-Id</c>, a batch with all its acknowledgements outstanding at once, and a
/// send completes once the stream stored them all. Connects on the first send; the client reconnects by itself.
/// </summary>
public sealed class NatsSink : IBatchMessageSink
{
    private readonly NatsSinkOptions _options;
    private readonly SinkContext _context;
    private readonly MessageTemplate _subject;
    private readonly string _url;
    private readonly NatsConnection _connection;
    private readonly NatsJSContext? _jetStream;
    private readonly SemaphoreSlim _setupLock = new(1, 1);
    private volatile bool _ready;

    public NatsSink(NatsSinkOptions options, SinkContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        _options = options;
        _context = context;
        _subject = options.SubjectTemplate;
        _url = options.DisplayUrl;
        _connection = NatsConnections.Create(options, $"gateway sink {context.Id}");
        _jetStream = options.IsJetStream ? new NatsJSContext(_connection) : null;
    }

    public ValueTask SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SendBatchAsync([message], cancellationToken);
    }

    /// <summary>Publishes every message in order, then waits until the server (or the stream) has them all; throws when any failed.</summary>
    public async ValueTask SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var subjects = new string[messages.Count];
        for (var i = 0; i < subjects.Length; i++)
        {
            subjects[i] = SubjectOf(messages[i]);
        }

        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_jetStream is null)
            {
                for (var i = 0; i < subjects.Length; i++)
                {
                    await _connection.PublishAsync(subjects[i], messages[i].Body, HeadersOf(messages[i]), cancellationToken: cancellationToken).ConfigureAwait(false);
                }

                // The server answers a PING after it processed everything sent before it.
                await _connection.PingAsync(cancellationToken).ConfigureAwait(false);
                return;
            }

            var publishes = new Task[subjects.Length];
            for (var i = 0; i < subjects.Length; i++)
            {
                publishes[i] = PublishToStreamAsync(_jetStream, subjects[i], messages[i], cancellationToken);
            }

            await Task.WhenAll(publishes).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NatsException or TimeoutException)
        {
            throw new SinkDeliveryException($"NATS sink {_context.Id}: publishing to {_url} failed: {ex.Message}", isTransient: !IsPermanent(ex), ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        _setupLock.Dispose();
    }

    private async Task PublishToStreamAsync(NatsJSContext jetStream, string subject, OutgoingMessage message, CancellationToken cancellationToken)
    {
        var opts = new NatsJSPubOpts { MsgId = message.Canonical.Id.ToString("D") };
        var ack = await jetStream.PublishAsync(subject, message.Body, opts: opts, headers: HeadersOf(message), cancellationToken: cancellationToken).ConfigureAwait(false);
        EnsureStored(ack);
    }

    /// <summary>
    /// Throws unless the stream has the message. A duplicate (the same id within the stream's duplicate window) is
    /// stored already: success. It is what a retry after a lost acknowledgement (a node that died after storing)
    /// gets, and <c>EnsureSuccess</c> alone throws on it, so such a retry would fail forever.
    /// </summary>
    internal static void EnsureStored(PubAckResponse ack)
    {
        if (!ack.Duplicate)
        {
            ack.EnsureSuccess();
        }
    }

    private string SubjectOf(OutgoingMessage message)
    {
        var subject = _subject.Render(message.Canonical, _subject.UsesRecord ? message.Record : null);
        return NatsNames.TryValidateSubject(subject, out var error)
            ? subject
            : throw new SinkDeliveryException($"NATS sink {_context.Id}: the subject template '{_subject.Text}' gave an unusable subject: {error}", isTransient: false);
    }

    private NatsHeaders? HeadersOf(OutgoingMessage message)
    {
        if (_options.Headers.IsEmpty || !message.Canonical.HasMetadata)
        {
            return null;
        }

        NatsHeaders? headers = null;
        foreach (var (name, value) in message.Canonical.Metadata)
        {
            // The JetStream id is the sink's to set; the subject travels as the subject.
            if (_options.Headers.Includes(name)
                && !string.Equals(name, NatsReceivedMessages.MessageIdHeader, StringComparison.OrdinalIgnoreCase)
                && !string.Equals(name, NatsReceivedMessages.SubjectMetadataKey, StringComparison.OrdinalIgnoreCase))
            {
                headers ??= [];
                headers[name] = value;
            }
        }

        return headers;
    }

    private async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (_ready && _connection.ConnectionState == NatsConnectionState.Open)
        {
            return;
        }

        await _setupLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _connection.ConnectAsync().AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
            if (!_ready && _jetStream is not null)
            {
                await NatsJetStreamSetup.EnsureStreamAsync(_jetStream, _options.Stream!, NatsNames.StreamSubjectOf(_options.Subject!), _options.Replicas, cancellationToken).ConfigureAwait(false);
            }

            if (!_ready)
            {
                NatsLog.SinkConnected(_context.Logger, _context.Id, _url);
            }

            _ready = true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new SinkDeliveryException($"NATS sink {_context.Id}: cannot connect to {_url}: {ex.Message}", isTransient: true, ex);
        }
        finally
        {
            _setupLock.Release();
        }
    }

    /// <summary>A stream that refuses a message for what it is (too large, a bad request) refuses it again.</summary>
    private static bool IsPermanent(Exception ex) => ex is NatsJSApiException { Error.Code: 400 or 413 } or NatsPayloadTooLargeException;
}
