using Gateway.Core.Configuration;
using Gateway.Core.Routing;

namespace Gateway.Transports.Files;

/// <summary>Registers the <c>File</c> sink: <c>services.AddGateway(config).AddFileSink()</c>.</summary>
public static class FileSinkGatewayBuilderExtensions
{
    /// <summary>Adds the sink type <c>File</c> (options <see cref="FileSinkOptions"/>): one file per message, appending NDJSON/CSV, or one file per input file.</summary>
    public static IGatewayBuilder AddFileSink(this IGatewayBuilder builder)
        => builder.AddSink<FileSinkOptions>("File", (options, context) => options.Mode switch
        {
            FileSinkMode.Append => new FileAppendSink(options, context),
            FileSinkMode.WholeFile => new FileWholeSink(options, context),
            _ => new FilePerMessageSink(options, context),
        });
}
