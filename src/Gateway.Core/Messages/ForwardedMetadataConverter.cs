using System.ComponentModel;
using System.Globalization;

namespace Gateway.Core.Messages;

/// <summary>Reads <c>true</c>, <c>false</c>, <c>*</c> or a single name into a <see cref="ForwardedMetadata"/>.</summary>
internal sealed class ForwardedMetadataConverter : TypeConverter
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
            return new ForwardedMetadata { All = true };
        }

        if (text.Length == 0 || text.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return new ForwardedMetadata();
        }

        return new ForwardedMetadata { text };
    }
}
