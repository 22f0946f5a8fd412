using Gateway.Core.Configuration;
using Gateway.Core.Engine;
using Gateway.Core.Formats;
using Gateway.Core.Routing;
using Gateway.Http.Security;
using Gateway.Options;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Gateway.Http.Ingest;

/// <summary>Maps every configured <c>Http</c> input's path (POST and PUT) and describes it for OpenAPI.</summary>
internal static class IngestApi
{
    public const string InputType = "Http";

    private static readonly string[] Methods = [HttpMethods.Post, HttpMethods.Put];

    public static IEndpointRouteBuilder MapIngestApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        RouteTable table;
        try
        {
            table = services.GetRequiredService<RouteTable>();
        }
        catch (GatewayConfigurationException)
        {
            return endpoints; // the host validates the configuration before it serves, and lists every problem
        }

        var formats = services.GetRequiredService<FormatRegistry>();
        var group = endpoints.MapGroup(string.Empty).WithTags("Inputs");
        foreach (var definition in table.Inputs.Values.Where(IsHttp).OrderBy(i => i.Id, StringComparer.Ordinal))
        {
            var options = (HttpInputOptions)definition.Options;
            var id = definition.Id;
            var accepted = AcceptedMediaTypes(definition, formats);
            group.MapMethods(options.Path, Methods, (HttpContext context, GatewayEngine engine, FormatRegistry formats, IOptions<GatewayHttpOptions> http, ILoggerFactory loggers) =>
                    engine.TryGetInput(id, out var input) && input is HttpInput httpInput
                        ? IngestEndpoint.HandleAsync(context, httpInput, formats, http.Value.MaxBodyBytes, loggers.CreateLogger("Gateway.Inputs.Http"))
                        : Task.FromResult<IResult>(TypedResults.Problem(detail: $"Input '{id}' is not running.", statusCode: StatusCodes.Status503ServiceUnavailable)))
                .AddOpenApiOperationTransformer((operation, context, _) => Describe(operation, id, context.Description.HttpMethod, accepted))
                .WithSummary($"Input '{id}': queues a message into its routes")
                .WithDescription(
                    (definition.Format is { } format ? $"The body is {format}." : "The body's format comes from Content-Type.")
                    + " Answers 202 with the message id and record count once the routes converted it; with ?wait=true, 200 once every sink acknowledged it.")
                .Produces<IngestAccepted>(StatusCodes.Status202Accepted)
                .Produces<IngestAccepted>(StatusCodes.Status200OK)
                .ProducesProblem(StatusCodes.Status400BadRequest)
                .ProducesSecurityProblems()
                .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
                .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .ProducesProblem(StatusCodes.Status502BadGateway)
                .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
                .ProducesProblem(StatusCodes.Status504GatewayTimeout)
                .RequireGatewaySecurity(HttpAuthSchemeNames.ForInput(id), options.Auth, options.RateLimit);
        }

        return endpoints;
    }

    /// <summary>Two <c>Http</c> inputs on one path: each problem by config path.</summary>
    public static IEnumerable<string> PathConflicts(RouteTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Inputs.Values.Where(IsHttp)
            .GroupBy(i => ((HttpInputOptions)i.Options).Path.TrimEnd('/'), StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .SelectMany(g => g.Skip(1).Select(i => $"{i.Path}:Path: '{((HttpInputOptions)i.Options).Path}' is already the path of input '{g.First().Id}'."));
    }

    /// <summary>
    /// One operation id per method, the accepted media types and the <c>wait</c> query parameter the handler reads
    /// itself. The media types are described here rather than with <c>Accepts()</c>: that metadata would make routing
    /// answer 415 itself, without a problem body, and refuse any Content-Type for an input with a configured format.
    /// </summary>
    private static Task Describe(OpenApiOperation operation, string id, string? method, string[] accepted)
    {
        operation.OperationId = $"Input_{id}_{method?.ToLowerInvariant()}";
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = accepted.ToDictionary(
                m => m,
                _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                StringComparer.OrdinalIgnoreCase),
        };
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "wait",
            In = ParameterLocation.Query,
            Description = "true: answer 200 only once every sink acknowledged the message (502 naming the failed sink, 504 after the input's WaitTimeout).",
            Schema = new OpenApiSchema { Type = JsonSchemaType.Boolean },
        });
        return Task.CompletedTask;
    }

    /// <summary>The input's format's media types, or every format's when the body's Content-Type picks it.</summary>
    private static string[] AcceptedMediaTypes(InputDefinition input, FormatRegistry formats)
        => [.. (input.Format is { } format ? [formats.Get(format)] : formats.All.OrderBy(f => f.Name, StringComparer.Ordinal).ToArray())
            .SelectMany(f => f.MediaTypes)
            .Distinct(StringComparer.OrdinalIgnoreCase)];

    private static bool IsHttp(InputDefinition input) => string.Equals(input.Type, InputType, StringComparison.OrdinalIgnoreCase);
}
