using Gateway.Core.Formats;
using Gateway.Core.Formats.Options;
using Gateway.Hosting;
using Gateway.Http.Security;
using Gateway.Options;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Gateway.Http;

/// <summary>Maps <c>POST /convert</c> and describes it for OpenAPI (media types, query options, problems).</summary>
internal static class ConvertApi
{
    public static IEndpointRouteBuilder MapConvertApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var formats = endpoints.ServiceProvider.GetRequiredService<FormatRegistry>();
        var mediaTypes = ContentNegotiation.MediaTypes(formats);
        // One logger for the endpoint (ILoggerFactory.CreateLogger takes a lock on every call), and the singletons
        // taken from the root provider when a request comes (NamedPipelines is built, and validated, on first use):
        // no request service scope is created for a conversion.
        var services = endpoints.ServiceProvider;
        GatewayHttpOptions security;
        try
        {
            security = services.GetRequiredService<IOptions<GatewayHttpOptions>>().Value;
        }
        catch (OptionsValidationException)
        {
            return endpoints; // the host validates the configuration before it serves, and lists every problem
        }

        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(ConvertLog.Category);
        var group = endpoints.MapGroup(string.Empty).WithTags("Convert");
        Func<HttpContext, Task> handler = context => ConvertEndpoint.HandleAsync(
            context,
            services.GetRequiredService<FormatRegistry>(),
            services.GetRequiredService<NamedPipelines>(),
            services.GetRequiredService<IOptions<GatewayHttpOptions>>(),
            logger);
        // A Delegate, not a RequestDelegate: only route handlers are described by ApiExplorer, hence OpenAPI.
        var convert = group.MapPost("/convert", (Delegate)handler)
            .WithName("Convert")
            .WithMetadata(new SkipStatusCodePagesAttribute()) // every answer has a body: a problem for each error
            .WithSummary("Converts a document between formats")
            .WithDescription(
                "The body's format comes from Content-Type, the answer's from Accept (a missing Accept or */* answers JSON). "
                + "Format options go in the query string; the answer carries the record count in the Gateway-Record-Count header, "
                + "and Gateway-Notice when a pipeline kept none of the records.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesSecurityProblems()
            .ProducesProblem(StatusCodes.Status406NotAcceptable)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                Describe(operation, mediaTypes, formats.Options);
                return Task.CompletedTask;
            })
            .RequireGatewaySecurity(HttpAuthSchemeNames.Convert, security.ConvertAuth, security.ConvertRateLimit);
        if (mediaTypes.Count > 0)
        {
            // The request media types are described by the transformer, not with Accepts(): that metadata would make
            // routing answer 415 itself, without the list of accepted media types.
            convert.Produces<string>(StatusCodes.Status200OK, mediaTypes[0], [.. mediaTypes.Skip(1)]);
        }

        return endpoints;
    }

    private static void Describe(OpenApiOperation operation, IReadOnlyList<string> mediaTypes, FormatOptionCatalog options)
    {
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The document to convert, in the format its Content-Type names (UTF-8).",
            Content = mediaTypes.ToDictionary(
                m => m,
                _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                StringComparer.OrdinalIgnoreCase),
        };
        operation.Parameters ??= [];
        foreach (var definition in options.All)
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = definition.QueryName,
                In = ParameterLocation.Query,
                Description = definition.Description,
                Schema = Schema(definition.Kind),
                Explode = definition.Kind == FormatOptionKind.List,
            });
        }

        operation.Parameters.Add(new OpenApiParameter
        {
            Name = ConvertQuery.PipelineParameter,
            In = ParameterLocation.Query,
            Description = "Runs the canonical JSON through the converter pipeline configured under Gateway:Pipelines:<name>.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
        if (operation.Responses is { } responses && responses.TryGetValue("200", out var ok))
        {
            ok.Description = "The converted document, in the format asked for by Accept.";
        }
    }

    private static OpenApiSchema Schema(FormatOptionKind kind) => kind switch
    {
        FormatOptionKind.Flag => new OpenApiSchema { Type = JsonSchemaType.Boolean },
        FormatOptionKind.Number => new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
        FormatOptionKind.List => new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
        _ => new OpenApiSchema { Type = JsonSchemaType.String },
    };
}
