using Gateway.Core.Configuration;
using Gateway.Core.Formats;
using Gateway.Core.Routing;
using Gateway.Options;
using Microsoft.Extensions.Options;

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

        var group = endpoints.MapGroup(string.Empty).WithTags("Inputs");
        foreach (var definition in table.Inputs.Values.Where(IsHttp).OrderBy(i => i.Id, StringComparer.Ordinal))
        {
            var options = (HttpInputOptions)definition.Options;
            var id = definition.Id;
            group.MapMethods(options.Path, Methods, (HttpContext context, GatewayEngine engine, FormatRegistry formats, IOptions<GatewayHttpOptions> http, ILoggerFactory loggers) =>
                    engine.TryGetInput(id, out var input) && input is HttpInput httpInput
                        ? IngestEndpoint.HandleAsync(context, httpInput, formats, http.Value.MaxBodyBytes, loggers.CreateLogger("Gateway.Inputs.Http"))
                        : Task.FromResult<IResult>(TypedResults.Problem(detail: $"Input '{id}' is not running.", statusCode: StatusCodes.Status503ServiceUnavailable)))
                .WithName($"Input_{id}")
                .WithSummary($"Input '{id}': queues a message into its routes")
                .WithDescription(
                    (definition.Format is { } format ? $"The body is {format}." : "The body's format comes from Content-Type.")
                    + " Answers 202 with the message id and record count once the routes converted it; with ?wait=true, 200 once every sink acknowledged it.")
                .Produces<IngestAccepted>(StatusCodes.Status202Accepted)
                .Produces<IngestAccepted>(StatusCodes.Status200OK)
                .ProducesProblem(StatusCodes.Status400BadRequest)
                .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
                .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .ProducesProblem(StatusCodes.Status502BadGateway)
                .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
                .ProducesProblem(StatusCodes.Status504GatewayTimeout);
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

    private static bool IsHttp(InputDefinition input) => string.Equals(input.Type, InputType, StringComparison.OrdinalIgnoreCase);
}
