using System.Collections;

namespace Gateway.Transports.Mqtt;

/// <summary>
/// Counts what clients make the embedded broker keep: retained messages (how many and their payload bytes, over all
/// clients) and subscriptions (per session), against the limits of <see cref="MqttBrokerOptions"/>.
/// </summary>
internal sealed class MqttBrokerQuotas(MqttBrokerOptions options)
{
    private const string SubscriptionsKey = "gateway.subscriptions";

    private readonly Lock _sessionItemsLock = new();
    private readonly Dictionary<string, long> _retained = new(StringComparer.Ordinal);
    private long _retainedBytes;

    /// <summary>How many retained messages the broker holds.</summary>
    public int RetainedCount
    {
        get
        {
            lock (_retained)
            {
                return _retained.Count;
            }
        }
    }

    /// <summary>
    /// Records a retained publish (an empty payload deletes the topic's retained message); false, with nothing
    /// recorded, when keeping it would pass <c>MaxRetainedMessages</c> or <c>MaxRetainedBytes</c>.
    /// </summary>
    public bool TryRetain(string topic, long payloadBytes)
    {
        lock (_retained)
        {
            var previous = _retained.GetValueOrDefault(topic, -1);
            if (payloadBytes == 0)
            {
                if (previous >= 0)
                {
                    _retained.Remove(topic);
                    _retainedBytes -= previous;
                }

                return true;
            }

            var count = _retained.Count + (previous < 0 ? 1 : 0);
            var bytes = _retainedBytes - Math.Max(previous, 0) + payloadBytes;
            if (count > options.MaxRetainedMessages || bytes > options.MaxRetainedBytes)
            {
                return false;
            }

            _retained[topic] = payloadBytes;
            _retainedBytes = bytes;
            return true;
        }
    }

    /// <summary>Records a subscription of a session; false when the session already has <c>MaxSubscriptionsPerClient</c> others.</summary>
    public bool TrySubscribe(IDictionary sessionItems, string filter)
    {
        var filters = Subscriptions(sessionItems);
        lock (filters)
        {
            if (!filters.Contains(filter) && filters.Count >= options.MaxSubscriptionsPerClient)
            {
                return false;
            }

            filters.Add(filter);
            return true;
        }
    }

    public void Unsubscribed(IDictionary sessionItems, string filter)
    {
        var filters = Subscriptions(sessionItems);
        lock (filters)
        {
            filters.Remove(filter);
        }
    }

    private HashSet<string> Subscriptions(IDictionary sessionItems)
    {
        // MQTTnet's session items are a ConcurrentDictionary, which has no SyncRoot.
        lock (_sessionItemsLock)
        {
            if (sessionItems[SubscriptionsKey] is not HashSet<string> filters)
            {
                filters = new HashSet<string>(StringComparer.Ordinal);
                sessionItems[SubscriptionsKey] = filters;
            }

            return filters;
        }
    }
}
