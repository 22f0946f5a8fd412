using System.ComponentModel.DataAnnotations;

namespace Gateway.Transports.Mqtt;

/// <summary>
/// An <c>Mqtt</c> input: subscribes to <see cref="Topic"/> on <see cref="MqttConnectionOptions.Server"/> and acknowledges
/// each QoS 1/2 message only once every sink of its routes acknowledged it (or it was dead-lettered).
/// </summary>
public sealed class MqttInputOptions : MqttConnectionOptions
{
    /// <summary>One topic filter or a list (config: a string, or an array); wildcards <c>+</c> and <c>#</c> allowed.</summary>
    public MqttTopicList Topic { get; set; } = [];

    /// <summary>The subscription QoS (0, 1 or 2); default 1.</summary>
    public MqttQos Qos { get; set; } = MqttQos.AtLeastOnce;

    /// <summary>When set, subscribes as <c>$share/GROUP/TOPIC</c> so several gateways split the messages.</summary>
    public string? SharedGroup { get; set; }

    /// <summary>
    /// False (default): a persistent session, so QoS 1/2 messages published while the gateway is down, or received
    /// but not acknowledged before it died, are delivered after it restarts with the same <c>ClientId</c>.
    /// </summary>
    public bool CleanSession { get; set; }

    /// <summary>MQTT 5: how long the broker keeps the session after a disconnect (when <see cref="CleanSession"/> is false).</summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The first delay before reconnecting; it doubles on each failure up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many received QoS 1/2 messages may wait to be stored before the input stops taking more (MQTT 5 receive maximum).</summary>
    public int MaxInFlight { get; set; } = 100;

    /// <summary>The topic filters as subscribed, with the shared group prefix.</summary>
    internal IEnumerable<string> SubscribedFilters()
        => Topic.Select(t => string.IsNullOrEmpty(SharedGroup) ? t : $"$share/{SharedGroup}/{t}");

    public override IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var result in base.Validate(validationContext))
        {
            yield return result;
        }

        if (Topic.Count == 0)
        {
            yield return new ValidationResult("at least one topic filter is required, for example \"sensors/+/data\".", [nameof(Topic)]);
        }

        for (var i = 0; i < Topic.Count; i++)
        {
            if (!MqttTopics.TryValidateFilter(Topic[i], out var error))
            {
                yield return new ValidationResult(error, [Topic.Count == 1 ? nameof(Topic) : $"{nameof(Topic)}:{i}"]);
            }
            else if (!string.IsNullOrEmpty(SharedGroup) && Topic[i].StartsWith("$share/", StringComparison.Ordinal))
            {
                yield return new ValidationResult($"'{Topic[i]}' is already a shared subscription; remove SharedGroup or the $share/ prefix.", [nameof(Topic)]);
            }
        }

        if (SharedGroup is not null && !MqttTopics.TryValidateSharedGroup(SharedGroup, out var groupError))
        {
            yield return new ValidationResult(groupError, [nameof(SharedGroup)]);
        }

        if (ValidateQos(Qos, nameof(Qos)) is { } qosError)
        {
            yield return qosError;
        }

        if (SessionExpiry < TimeSpan.Zero || SessionExpiry.TotalSeconds > uint.MaxValue)
        {
            yield return new ValidationResult("must be from 00:00:00 to about 136 years.", [nameof(SessionExpiry)]);
        }

        if (MaxInFlight is < 1 or > 65535)
        {
            yield return new ValidationResult("must be from 1 to 65535.", [nameof(MaxInFlight)]);
        }

        if (ReconnectDelay <= TimeSpan.Zero)
        {
            yield return new ValidationResult("must be more than 00:00:00.", [nameof(ReconnectDelay)]);
        }

        if (MaxReconnectDelay < ReconnectDelay)
        {
            yield return new ValidationResult($"must be at least ReconnectDelay ({ReconnectDelay}).", [nameof(MaxReconnectDelay)]);
        }
    }
}
