using System.ComponentModel;
using System.Globalization;

namespace Gateway.Transports.Mqtt;

/// <summary>Turns a single configured string into a one-topic <see cref="MqttTopicList"/>.</summary>
internal sealed class MqttTopicListConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType)
        => sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value)
        => value is string topic ? new MqttTopicList([topic]) : base.ConvertFrom(context, culture, value);
}
