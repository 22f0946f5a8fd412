using System.Text;
using Gateway.Core.Configuration;
using Gateway.Core.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Transports.Http;

/// <summary>Registers the <c>Http</c> sink: <c>services.AddGateway(config).AddHttpSink()</c>.</summary>
public static class HttpSinkGatewayBuilderExtensions
{
    /// <summary>
    /// Adds the sink type <c>Http</c> (options <see cref="HttpSinkOptions"/>) and the pooled HTTP client its sinks
    /// share: connections are recycled every two minutes so DNS changes are seen, redirects are not followed (a
    /// redirected POST would turn into a GET), and header values are sent as UTF-8.
    /// </summary>
    public static IGatewayBuilder AddHttpSink(this IGatewayBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHttpClient(HttpSink.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                AllowAutoRedirect = false,
                UseCookies = false,
                RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8,
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
        return builder.AddSink<HttpSinkOptions>("Http", (options, context) => new HttpSink(options, context));
    }
}
