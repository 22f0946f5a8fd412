using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Gateway.Transports.Mqtt;

/// <summary>
/// Hooks the embedded broker's users, access rules and quotas into MQTTnet's events: logins are checked when a client
/// connects, every PUBLISH against the user's publish patterns and the retained-message limits, every SUBSCRIBE
/// against the user's subscribe patterns and the per-client subscription limit. A refused publish or subscription
/// gets the MQTT 5 reason code (<c>NotAuthorized</c>, <c>QuotaExceeded</c>); MQTT 3.1.1 has none, so there a refused
/// publish is acknowledged and dropped, as mosquitto does, and a refused subscription gets the failure code 0x80.
/// </summary>
internal sealed class MqttBrokerPolicy(MqttBrokerOptions options, ILogger logger) : IDisposable
{
    private readonly MqttBrokerAccess _access = new(options.Users);
    private readonly MqttBrokerQuotas _quotas = new(options);

    public void Dispose() => _access.Dispose();

    public void Attach(MqttServer server)
    {
        server.ValidatingConnectionAsync += ValidateConnectionAsync;
        server.InterceptingPublishAsync += InterceptPublish;
        server.InterceptingSubscriptionAsync += InterceptSubscription;
        server.InterceptingUnsubscriptionAsync += InterceptUnsubscription;
        server.SessionDeletedAsync += args =>
        {
            _access.SessionDeleted(args.Id);
            return Task.CompletedTask;
        };
    }

    private async Task ValidateConnectionAsync(ValidatingConnectionEventArgs args)
    {
        if (args.ReasonCode != MqttConnectReasonCode.Success)
        {
            return; // already refused (no client id)
        }

        var clientId = string.IsNullOrEmpty(args.ClientId) ? args.AssignedClientIdentifier : args.ClientId;
        if (await _access.CheckLoginAsync(args.UserName, args.Password, clientId, args.CancellationToken).ConfigureAwait(false) is { } refusal)
        {
            MqttLog.BrokerLoginRefused(logger, args.RemoteEndPoint?.ToString() ?? clientId, refusal);
            args.ReasonCode = refusal.StartsWith("client id", StringComparison.Ordinal)
                ? MqttConnectReasonCode.NotAuthorized
                : MqttConnectReasonCode.BadUserNameOrPassword;
        }
    }

    private Task InterceptPublish(InterceptingPublishEventArgs args)
    {
        var message = args.ApplicationMessage;
        if (!_access.MayPublish(args.UserName, message.Topic))
        {
            Refuse(args, MqttPubAckReasonCode.NotAuthorized, $"user '{args.UserName}' may not publish to '{message.Topic}'");
        }
        else if (message.Retain && !_quotas.TryRetain(message.Topic, message.Payload.Length))
        {
            Refuse(args, MqttPubAckReasonCode.QuotaExceeded, $"retaining it would pass MaxRetainedMessages ({options.MaxRetainedMessages}) or MaxRetainedBytes ({options.MaxRetainedBytes})");
        }

        return Task.CompletedTask;
    }

    private void Refuse(InterceptingPublishEventArgs args, MqttPubAckReasonCode reason, string why)
    {
        MqttLog.BrokerPublishRefused(logger, args.ClientId, args.ApplicationMessage.Topic, why);
        args.ProcessPublish = false;
        args.Response.ReasonCode = reason;
        args.Response.ReasonString = why;
    }

    private Task InterceptSubscription(InterceptingSubscriptionEventArgs args)
    {
        var filter = args.TopicFilter.Topic;
        string? why = null;
        if (!_access.MaySubscribe(args.UserName, filter))
        {
            why = $"user '{args.UserName}' may not subscribe to '{filter}'";
            args.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        }
        else if (!_quotas.TrySubscribe(args.SessionItems, filter))
        {
            why = $"the client has {options.MaxSubscriptionsPerClient} subscriptions (MaxSubscriptionsPerClient)";
            args.Response.ReasonCode = MqttSubscribeReasonCode.QuotaExceeded;
        }

        if (why is not null)
        {
            MqttLog.BrokerSubscriptionRefused(logger, args.ClientId, filter, why);
            args.ProcessSubscription = false;
            args.ReasonString = why;
        }

        return Task.CompletedTask;
    }

    private Task InterceptUnsubscription(InterceptingUnsubscriptionEventArgs args)
    {
        _quotas.Unsubscribed(args.SessionItems, args.Topic);
        return Task.CompletedTask;
    }
}
