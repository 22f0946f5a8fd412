using System.Diagnostics;
using System.Net;
using System.Text;
using Gateway.Core.Routing;
using Gateway.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Tests.Http.Ingest;

/// <summary>
/// How <see cref="Gateway.Http.Ingest.IngestEndpoint"/> reads a request: the body within the limit (with and
/// without Content-Length, exactly at it, one byte over, shorter than announced), the <c>wait</c> parameter, the
/// format, and the headers and trace context that become the message's metadata.
/// </summary>
public sealed class IngestEndpointRequestTests
{
    private const int Limit = 64;
    private const string TooLarge = "The request body is larger than the limit of 64 bytes (Gateway:Http:MaxBodyBytes).";

    private readonly IngestEndpointHarness _host = new();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_of_exactly_the_limit_is_taken_whole(bool announced)
    {
        var body = Encoding.UTF8.GetBytes($"\"{new string('x', Limit - 2)}\"");
        var context = _host.Post(announced ? new MemoryStream(body) : new UnknownLengthStream(body), announced ? body.Length : null);

        IngestEndpointHarness.Accepted(await _host.StoredAsync(context, Limit));

        Assert.Equal(body, _host.Dispatcher.Single.Body.ToArray());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_one_byte_over_the_limit_is_413_and_not_dispatched(bool announced)
    {
        var body = new byte[Limit + 1];
        var context = _host.Post(announced ? new MemoryStream(body) : new UnknownLengthStream(body), announced ? body.Length : null);

        var problem = IngestEndpointHarness.Problem(await _host.StoredAsync(context, Limit), StatusCodes.Status413PayloadTooLarge);

        Assert.Equal(TooLarge, problem.Detail);
        Assert.Equal((long)Limit, problem.Extensions["limit"]);
        Assert.Empty(_host.Dispatcher.Dispatched);
        Assert.True(_host.Log.Contains($"Input orders: rejected a request with 413: {TooLarge}"));
    }

    [Fact]
    public async Task A_body_announced_over_the_limit_is_413_before_a_byte_is_read()
    {
        var body = new UnreadableStream(new InvalidOperationException("the body was read"));

        var problem = IngestEndpointHarness.Problem(await _host.StoredAsync(_host.Post(body, Limit + 1), Limit), StatusCodes.Status413PayloadTooLarge);

        Assert.Equal(TooLarge, problem.Detail);
    }

    [Fact]
    public async Task Without_a_configured_limit_a_body_announced_larger_than_an_array_is_413_not_an_allocation()
    {
        var context = _host.Post(new MemoryStream([]), (long)Array.MaxLength + 1);

        var problem = IngestEndpointHarness.Problem(await _host.StoredAsync(context, long.MaxValue), StatusCodes.Status413PayloadTooLarge);

        Assert.Equal($"The request body is larger than the limit of {long.MaxValue} bytes (Gateway:Http:MaxBodyBytes).", problem.Detail);
    }

    [Fact]
    public async Task A_body_shorter_than_its_content_length_is_what_arrived_without_padding()
    {
        var context = _host.Post(new MemoryStream("""{"a":1}"""u8.ToArray()), 20);

        IngestEndpointHarness.Accepted(await _host.StoredAsync(context, Limit));

        Assert.Equal("""{"a":1}""", Encoding.UTF8.GetString(_host.Dispatcher.Single.Body.Span));
    }

    [Fact]
    public async Task A_body_the_server_cannot_read_is_400_naming_why()
    {
        var body = new UnreadableStream(new IOException("Unexpected end of request content."));

        var problem = IngestEndpointHarness.Problem(await _host.StoredAsync(_host.Post(body, null), Limit), StatusCodes.Status400BadRequest);

        Assert.Equal("The request body could not be read: Unexpected end of request content (the request's chunked encoding or connection is broken).", problem.Detail);
        Assert.Empty(_host.Dispatcher.Dispatched);
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, 30L)]
    public async Task The_servers_own_body_limit_is_lifted_when_it_still_can_be(bool readOnly, long? left)
    {
        var feature = new MaxBodySizeFeature { MaxRequestBodySize = 30, IsReadOnly = readOnly };
        var context = _host.Post("{}");
        context.Features.Set<IHttpMaxRequestBodySizeFeature>(feature);

        IngestEndpointHarness.Accepted(await _host.StoredAsync(context, Limit));

        Assert.Equal(left, feature.MaxRequestBodySize);
    }

    [Theory]
    [InlineData("", DispatchOptions.RefuseInvalid)]
    [InlineData("?wait=false", DispatchOptions.RefuseInvalid)]
    [InlineData("?wait", DispatchOptions.RefuseInvalid | DispatchOptions.TrackDelivery)]
    [InlineData("?wait=", DispatchOptions.RefuseInvalid | DispatchOptions.TrackDelivery)]
    [InlineData("?wait=True", DispatchOptions.RefuseInvalid | DispatchOptions.TrackDelivery)]
    public async Task The_wait_parameter_asks_for_delivery_tracking(string query, DispatchOptions options)
    {
        await _host.StoredAsync(_host.Post("{}", query));

        Assert.Equal(options, Assert.Single(_host.Dispatcher.Dispatched).Options);
    }

    [Theory]
    [InlineData("?wait=maybe", "maybe")]
    [InlineData("?wait=true&wait=false", "true,false")]
    public async Task A_wait_parameter_that_is_not_one_boolean_is_400(string query, string found)
    {
        var problem = IngestEndpointHarness.Problem(await _host.StoredAsync(_host.Post("{}", query)), StatusCodes.Status400BadRequest);

        Assert.Equal($"Query parameter 'wait': expected true or false, found '{found}'.", problem.Detail);
        Assert.Empty(_host.Dispatcher.Dispatched);
    }

    [Fact]
    public async Task The_format_comes_from_the_content_type_or_else_the_request_is_415()
    {
        var context = _host.Post("a\n1\n");
        context.Request.ContentType = "text/csv";
        await _host.StoredAsync(context);
        Assert.Equal("Csv", _host.Dispatcher.Single.Format);

        context = _host.Post("a\n1\n");
        context.Request.ContentType = "application/x-unknown";
        var problem = IngestEndpointHarness.Problem(await _host.StoredAsync(context), StatusCodes.Status415UnsupportedMediaType);
        var accepted = Gateway.Http.ContentNegotiation.MediaTypes(_host.Formats);
        Assert.Equal($"The Content-Type 'application/x-unknown' is not a supported format. Send the body with one of: {string.Join(", ", accepted)}.", problem.Detail);
        Assert.Equal(accepted, problem.Extensions["accepted"]);
    }

    [Fact]
    public async Task A_configured_format_wins_over_the_content_type()
    {
        var host = new IngestEndpointHarness(format: "Csv");

        await host.StoredAsync(host.Post("a\n1\n"));

        Assert.Equal("Csv", host.Dispatcher.Single.Format);
    }

    [Fact]
    public async Task Every_header_but_credentials_becomes_metadata_with_the_remote_address()
    {
        var context = WithHeaders(_host.Post("{}"));

        await _host.StoredAsync(context);

        var metadata = _host.Dispatcher.Single.Metadata;
        Assert.Equal(
            ["Content-Length", "Content-Type", "X-Request-Id", "X-Tenant", "remote"],
            metadata.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("r-1", "a,b", "192.0.2.7"), (metadata["x-request-id"], metadata["X-Tenant"], metadata["remote"]));
    }

    [Fact]
    public async Task Configured_headers_alone_become_metadata_whatever_their_case_credentials_included()
    {
        _host.Options.Headers.AddRange(["x-request-id", "authorization"]);
        var context = WithHeaders(_host.Post("{}"));

        await _host.StoredAsync(context);

        var metadata = _host.Dispatcher.Single.Metadata;
        Assert.Equal(["Authorization", "X-Request-Id", "remote"], metadata.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Bearer t", metadata["Authorization"]);
    }

    [Fact]
    public async Task The_callers_trace_context_goes_on_to_the_sinks_whatever_the_header_filter()
    {
        _host.Options.Headers.Add("X-Request-Id");
        const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        var context = _host.Post("{}");
        context.Request.Headers.TraceParent = TraceParent;
        context.Request.Headers.TraceState = "vendor=1";

        await _host.StoredAsync(context);

        var metadata = _host.Dispatcher.Single.Metadata;
        Assert.Equal((TraceParent, "vendor=1"), (metadata["traceparent"], metadata["tracestate"]));
    }

    [Fact]
    public async Task The_requests_own_span_is_the_trace_context_when_there_is_one()
    {
        using var span = new Activity("ingest").SetIdFormat(ActivityIdFormat.W3C).Start();
        var context = _host.Post("{}");
        context.Request.Headers.TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

        await _host.StoredAsync(context);

        Assert.Equal(span.Id, _host.Dispatcher.Single.Metadata["traceparent"]);
    }

    [Fact]
    public async Task A_refused_body_keeps_only_its_first_4_KiB_among_the_recent_failures()
    {
        var unreadable = new Gateway.Core.Formats.FormatReadException("Unexpected token.", "line 1");
        _host.Dispatcher.Throws = unreadable;
        var body = "[" + new string(' ', 5000) + "x";

        await _host.HandleAsync(_host.Post(body), maxBodyBytes: 8192);

        var failure = Assert.Single(_host.Failures.Snapshot());
        Assert.Equal((body[..4096], (long?)5002), (failure.BodyStart, failure.BodyLength));
        Assert.Equal($"400: The Json body cannot be read: {unreadable.Message} Nothing was stored.", failure.Error);
    }

    private static DefaultHttpContext WithHeaders(DefaultHttpContext context)
    {
        context.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.7");
        context.Request.Headers["X-Request-Id"] = "r-1";
        context.Request.Headers["X-Tenant"] = new(["a", "b"]);
        context.Request.Headers.Authorization = "Bearer t";
        context.Request.Headers["Proxy-Authorization"] = "Basic p";
        context.Request.Headers.Cookie = "session=s";
        return context;
    }

    private sealed class MaxBodySizeFeature : IHttpMaxRequestBodySizeFeature
    {
        private long? _max;

        public bool IsReadOnly { get; init; }

        public long? MaxRequestBodySize
        {
            get => _max;

            // Like Kestrel's: the limit cannot change once the body began to be read.
            set => _max = IsReadOnly && _max is not null ? throw new InvalidOperationException("read-only") : value;
        }
    }

    private sealed class UnreadableStream(Exception failure) : MemoryStream
    {
        public override int Read(Span<byte> buffer) => throw failure;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => throw failure;

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => throw failure;
    }
}
