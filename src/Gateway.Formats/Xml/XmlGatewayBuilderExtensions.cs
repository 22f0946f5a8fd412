using Gateway.Core.Configuration;

namespace Gateway.Formats.Xml;

/// <summary>Registers the XML format: <c>services.AddGateway(config).AddXmlFormat()</c>.</summary>
public static class XmlGatewayBuilderExtensions
{
    /// <summary>Adds <see cref="XmlFormat"/> to the gateway's formats.</summary>
    public static IGatewayBuilder AddXmlFormat(this IGatewayBuilder builder) => builder.AddFormat(new XmlFormat());
}
