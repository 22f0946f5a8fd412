using Gateway.Admin;
using Gateway.Telemetry;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Gateway.Http.OpenApi;

/// <summary>
/// The gateway's OpenAPI document (<c>/openapi/v1.json</c> and <c>/openapi/v1.yaml</c>) and its Scalar API reference
/// (<c>/scalar</c>, whose script is served by the gateway itself, so no CDN is needed). The document is the same for
/// the same configuration wherever it is served: no server URLs, and the endpoints in a fixed order.
/// </summary>
internal static class GatewayOpenApi
{
    public const string DocumentName = "v1";

    public const string ReferencePath = "/scalar";

    /// <summary>The document's version: the API's, not the build's, so the document does not change with every commit.</summary>
    private const string ApiVersion = "1.0";

    public static IServiceCollection AddGatewayOpenApi(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddOpenApi(DocumentName, options => options.AddDocumentTransformer(DescribeAsync));
    }

    public static IEndpointRouteBuilder MapGatewayOpenApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapOpenApi("/openapi/{documentName}.json");
        endpoints.MapOpenApi("/openapi/{documentName}.yaml");
        // Nothing on the page may need the internet (a gateway often has none): no AI agent, no MCP generator, no
        // developer toolbar (share, deploy), no telemetry and no fonts from Scalar's CDN.
        endpoints.MapScalarApiReference(ReferencePath, options => options
            .WithTitle("Gateway API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools()
            .DisableTelemetry()
            .DisableDefaultFonts());
        return endpoints;
    }

    private static Task DescribeAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Gateway";
        document.Info.Version = ApiVersion;
        document.Info.Description =
            "Accepts JSON, NDJSON, XML and CSV over HTTP (one path per configured Http input), converts documents (POST /convert), "
            + "and reports its health and metrics. Errors are RFC 9457 problem details (application/problem+json).";

        // Served documents would name the host of the request that asked; the document must not depend on who asks.
        document.Servers?.Clear();

        var telemetry = context.ApplicationServices.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (telemetry.Prometheus)
        {
            AddMetrics(document);
        }

        DescribeAdminKey(document);
        return Task.CompletedTask;
    }

    /// <summary>The admin API takes the key in <c>X-Api-Key</c> (needed only when <c>Gateway:Admin:ApiKey</c> is set).</summary>
    private static void DescribeAdminKey(OpenApiDocument document)
    {
        const string Scheme = "ApiKey";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = AdminKey.HeaderName,
            Description = "The admin API key (Gateway:Admin:ApiKey); needed only when one is configured.",
        };
        var requirement = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, document)] = [] };
        foreach (var (path, item) in document.Paths ?? [])
        {
            if (path.StartsWith(AdminApi.Prefix, StringComparison.Ordinal) && item.Operations is { } operations)
            {
                foreach (var operation in operations.Values)
                {
                    operation.Security ??= [];
                    operation.Security.Add(requirement);
                }
            }
        }
    }

    /// <summary>The Prometheus endpoint is middleware, not a route handler, so it is described here.</summary>
    private static void AddMetrics(OpenApiDocument document)
    {
        const string Tag = "Telemetry";
        document.Tags ??= new HashSet<OpenApiTag>();
        document.Tags.Add(new OpenApiTag { Name = Tag });
        document.Paths ??= [];
        document.Paths[TelemetryEndpoints.MetricsPath] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    OperationId = "Metrics",
                    Summary = "Prometheus metrics",
                    Description = "Per input, route and sink counters, queue depths, conversion and sink latency histograms, ASP.NET Core and runtime metrics, in the Prometheus text format.",
                    Tags = new HashSet<OpenApiTagReference> { new(Tag, document) },
                    Responses = new OpenApiResponses
                    {
                        ["200"] = new OpenApiResponse
                        {
                            Description = "The metrics.",
                            Content = new Dictionary<string, OpenApiMediaType>
                            {
                                ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                            },
                        },
                    },
                },
            },
        };
    }
}
