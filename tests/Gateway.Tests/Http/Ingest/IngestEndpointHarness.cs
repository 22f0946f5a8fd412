using System.Text;
using Gateway.Core.Formats;
using Gateway.Core.Routing;
using Gateway.Formats.Csv;
using Gateway.Formats.Json;
using Gateway.Http.Ingest;
using Gateway.Tests.Transports.Mqtt;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Http.Ingest;

/// <summary>
/// Calls <see cref="IngestEndpoint"/> directly, without a server: a <see cref="DefaultHttpContext"/> whose body is
/// a stream the test chooses, an <c>Http</c> input over a <see cref="ScriptedDispatcher"/>, and the result object
/// the endpoint returns (its status, value and problem details) to assert on.
/// </summary>
internal sealed class IngestEndpointHarness
{
    public const string InputId = "orders";

    private readonly ServiceProvider _services = new ServiceCollection().AddSingleton<RecentFailures>().BuildServiceProvider();

    public IngestEndpointHarness(string? format = null)
    {
        Input = new HttpInput(
            Options,
            new InputContext(InputId, $"Gateway:Inputs:{InputId}", format, new FormatOptions(), Dispatcher, _services, Log));
    }

    public ScriptedDispatcher Dispatcher { get; } = new();

    public HttpInputOptions Options { get; } = new() { Path = "/ingest/orders" };

    public HttpInput Input { get; }

    public ListLogger Log { get; } = new();

    public FormatRegistry Formats { get; } = new([new JsonFormat(), new CsvFormat()]);

    public RecentFailures Failures => _services.GetRequiredService<RecentFailures>();

    /// <summary>A POST of <paramref name="body"/> (as JSON, with its Content-Length) to the input.</summary>
    public DefaultHttpContext Post(string body, string query = "") => Post(new MemoryStream(Encoding.UTF8.GetBytes(body)), Encoding.UTF8.GetByteCount(body), query);

    /// <summary>A POST whose body is <paramref name="body"/> and whose Content-Length is <paramref name="contentLength"/> (null: none).</summary>
    public DefaultHttpContext Post(Stream body, long? contentLength, string query = "")
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Request.Method = HttpMethods.Post;
        context.Request.Path = Options.Path;
        context.Request.QueryString = new QueryString(query);
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = contentLength;
        context.Request.Body = body;
        return context;
    }

    public Task<IResult> HandleAsync(HttpContext context, long maxBodyBytes = 4096) =>
        IngestEndpoint.HandleAsync(context, Input, Formats, maxBodyBytes, Log);

    /// <summary>Handles the request with the commit (and the delivery report) already done.</summary>
    public Task<IResult> StoredAsync(HttpContext context, long maxBodyBytes = 4096)
    {
        Dispatcher.Commit.TrySetResult();
        Dispatcher.Delivery.TrySetResult(new DeliveryReport(1, []));
        return HandleAsync(context, maxBodyBytes);
    }

    /// <summary>The 202 answer's value, after checking it is one.</summary>
    public static IngestAccepted Accepted(IResult result)
    {
        var json = Assert.IsType<JsonHttpResult<IngestAccepted>>(result);
        Assert.Equal(StatusCodes.Status202Accepted, json.StatusCode);
        return json.Value!;
    }

    /// <summary>The problem's details, after checking its status.</summary>
    public static Microsoft.AspNetCore.Mvc.ProblemDetails Problem(IResult result, int status)
    {
        var problem = Assert.IsType<ProblemHttpResult>(result);
        Assert.Equal(status, problem.StatusCode);
        Assert.Equal(status, problem.ProblemDetails.Status);
        return problem.ProblemDetails;
    }
}
