using Gateway.Core.Configuration;
using Gateway.Core.Routing;

namespace Gateway.Transports.Folder;

/// <summary>Registers the <c>Folder</c> input type (hot folders): <c>services.AddGateway(config).AddFolderTransport()</c>.</summary>
public static class FolderTransportGatewayBuilderExtensions
{
    /// <summary>The type name of the hot-folder input in configuration.</summary>
    public const string TypeName = "Folder";

    public static IGatewayBuilder AddFolderTransport(this IGatewayBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddInput<FolderInputOptions>(TypeName, (options, context) => new FolderInput(options, context));
    }
}
