using System.ComponentModel;
using System.Globalization;

namespace Gateway.Transports.Mqtt;

/// <summary>Reads <c>true</c>, <c>false</c>, <c>*</c> or a single name into a <see cref="MqttMetadataSelection"/>.</summary>
internal sealed class MqttMetadataSelectionConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType)
        => sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value)
    {
        if (value is not string text)
        {
            return base.ConvertFrom(context, culture, value);
        }

        text = text.Trim();
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text == "*")
        {
            return new MqttMetadataSelection { All = true };
        }

        if (text.Length == 0 || text.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return new MqttMetadataSelection();
        }

        return new MqttMetadataSelection { text };
    }
}
