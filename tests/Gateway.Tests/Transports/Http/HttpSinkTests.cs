using System.Net;
using System.Net.Sockets;
using System.Text;
using Gateway.Core.Messages;
using Gateway.Core.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Gateway.Tests.Transports.Http;

public sealed class HttpSinkTests : IDisposable
{
    private readonly SinkTestHost _host = new();

    [Fact]
    public async Task Sends_the_body_to_the_templated_path_with_method_headers_and_content_type()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        await using var sink = _host.Create("Http", $$"""
            {
              "Url": "{{server.Address}}orders/{field:/id}/lines?source={input}",
              "Method": "Put",
              "Headers": { "Authorization": "Bearer abc", "X-Correlation": "{header:x-trace}" }
            }
            """, FormatNames.Csv);
        var message = _host.Message("""{"id":"A 1/2","qty":3}""", FormatNames.Csv, inputId: "plc tcp");
        message.Canonical.Metadata["x-trace"] = "t-42";

        await SinkTestHost.SendAsync(sink, message);

        var request = Assert.Single(server.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal("/orders/A%201%2F2/lines?source=plc%20tcp", request.RawTarget);
        Assert.Equal("text/csv; charset=utf-8", request.Headers["Content-Type"]);
        Assert.Equal("Bearer abc", request.Headers["Authorization"]);
        Assert.Equal("t-42", request.Headers["X-Correlation"]);
        Assert.Equal(message.Canonical.Id.ToString("D"), request.Headers["X-Gateway-Message-Id"]);
        Assert.Equal("id,qty\r\nA 1/2,3\r\n", Encoding.UTF8.GetString(request.Body));
    }

    [Fact]
    public async Task Posts_json_by_default_and_a_configured_content_type_wins()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        await using var plain = _host.Create("Http", $$"""{ "Url": "{{server.Address}}in" }""");
        await using var custom = _host.Create("Http", $$"""{ "Url": "{{server.Address}}in", "Headers": { "Content-Type": "application/vnd.orders+json" } }""");

        await SinkTestHost.SendAsync(plain, _host.Message("""{"a":1}"""));
        await SinkTestHost.SendAsync(custom, _host.Message("""{"a":2}"""));

        var requests = server.Requests.ToArray();
        Assert.Equal(["POST", "POST"], requests.Select(r => r.Method));
        Assert.Equal("application/json", requests[0].Headers["Content-Type"]);
        Assert.Equal("application/vnd.orders+json", requests[1].Headers["Content-Type"]);
        Assert.Equal("""{"a":1}""", Encoding.UTF8.GetString(requests[0].Body));
    }

    [Theory]
    [InlineData("a.b", "/items/a.b/x")]
    [InlineData("...", "/items/.../x")]
    [InlineData(".hidden", "/items/.hidden/x")]
    [InlineData("A 1/2", "/items/A%201%2F2/x")]
    [InlineData("?q=1#f", "/items/%3Fq%3D1%23f/x")]
    public async Task Placeholder_values_stay_inside_their_path_segment(string value, string target)
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        await using var sink = _host.Create("Http", $$"""{ "Url": "{{server.Address}}items/{field:/name}/x" }""");

        await SinkTestHost.SendAsync(sink, _host.Message($$"""{"name":"{{value}}"}"""));

        Assert.Equal(target, Assert.Single(server.Requests).RawTarget);
    }

    [Theory]
    [InlineData("items/{field:/name}/x", "..", "'/items/../x'", "'..'")]
    [InlineData("items/{field:/name}/x", ".", "'/items/./x'", "'.'")]
    [InlineData("items/{field:/name}/x", "../../admin", "'/items/..%2F..%2Fadmin/x'", "'..%2F..%2Fadmin'")]
    [InlineData("items/{field:/name}/x", "..\\\\admin", "'/items/..%5Cadmin/x'", "'..%5Cadmin'")]
    [InlineData("items/{field:/name}/x", "%2e%2E", "'/items/%252e%252E/x'", "'%252e%252E'")]
    [InlineData("items/.{field:/name}/x", ".", "'/items/../x'", "'..'")]
    [InlineData("items/{field:/a}{field:/a}/x", ".", "'/items/../x'", "'..'")]
    public async Task Values_that_decode_to_a_dot_segment_are_refused_for_good(string path, string value, string filled, string segment)
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        await using var sink = _host.Create("Http", $$"""{ "Url": "{{server.Address}}{{path}}" }""");

        var failure = await Assert.ThrowsAsync<SinkDeliveryException>(
            () => SinkTestHost.SendAsync(sink, _host.Message($$"""{"name":"{{value}}","a":"{{value}}"}""")));

        Assert.False(failure.IsTransient);
        Assert.Equal(
            $"The URL path {filled} filled from the message has the segment {segment}, which decodes to '.' or '..' and would walk the destination's path; the message is refused.",
            failure.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_missing_value_that_would_empty_a_path_segment_is_refused_for_good()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        await using var sink = _host.Create("Http", $$"""{ "Url": "{{server.Address}}items/{field:/name}/x" }""");

        var failure = await Assert.ThrowsAsync<SinkDeliveryException>(() => SinkTestHost.SendAsync(sink, _host.Message("""{"other":1}""")));

        Assert.False(failure.IsTransient);
        Assert.StartsWith("The URL path '/items//x' filled from the message has an empty segment", failure.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(400, false)]
    [InlineData(404, false)]
    [InlineData(422, false)]
    public async Task Classifies_error_statuses_and_names_status_reason_and_body(int status, bool transient)
    {
        await using var server = await LoopbackHttpServer.StartAsync(async context =>
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsync("{\"error\":\"qty is missing\"}");
        });
        await using var sink = _host.Create("Http", $$"""{ "Url": "{{server.Address}}orders" }""");

        var failure = await Assert.ThrowsAsync<SinkDeliveryException>(() => SinkTestHost.SendAsync(sink, _host.Message("{}")));

        Assert.Equal(transient, failure.IsTransient);
        Assert.Contains($"answered {status} {ReasonPhrases.GetReasonPhrase(status)}", failure.Message, StringComparison.Ordinal);
        Assert.Contains("{\"error\":\"qty is missing\"}", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"POST {server.Address}orders", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quotes_only_the_start_of_a_long_error_body()
    {
        await using var server = await LoopbackHttpServer.StartAsync(async context =>
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("<" + new string('x', 100_000) + ">");
        });
        await using var sink = _host.Create("Http", $$"""{ "Url": "{{server.Address}}orders" }""");

        var failure = await Assert.ThrowsAsync<SinkDeliveryException>(() => SinkTestHost.SendAsync(sink, _host.Message("{}")));

        Assert.False(failure.IsTransient);
        Assert.Contains("<" + new string('x', 499) + "...", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(">", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_retry_after_without_waiting_for_it()
    {
        await using var server = await LoopbackHttpServer.StartAsync(context =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "7";
            return Task.CompletedTask;
        });
        await using var sink = _host.Create("Http", $$"""{ "Url": "{{server.Address}}orders" }""");

        var failure = await Assert.ThrowsAsync<SinkDeliveryException>(() => SinkTestHost.SendAsync(sink, _host.Message("{}")));

        Assert.True(failure.IsTransient);
        Assert.Contains("Retry-After 7 s", failure.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(7), failure.RetryAfter);
    }

    [Fact]
    public async Task Does_not_follow_redirects()
    {
        await using var server = await LoopbackHttpServer.StartAsync(context =>
        {
            context.Response.Redirect("/elsewhere", permanent: false, preserveMethod: true);
            return Task.CompletedTask;
        });
        await using var sink = _host.Create("Http", $$"""{ "Url": "{{server.Address}}orders" }""");

        var failure = await Assert.ThrowsAsync<SinkDeliveryException>(() => SinkTestHost.SendAsync(sink, _host.Message("{}")));

        Assert.False(failure.IsTransient);
        Assert.Contains("307", failure.Message, StringComparison.Ordinal);
        Assert.Contains("redirects are not followed", failure.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_refused_connection_is_transient()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var sink = _host.Create("Http", $$"""{ "Url": "http://127.0.0.1:{{port}}/orders" }""");

        var failure = await Assert.ThrowsAsync<SinkDeliveryException>(() => SinkTestHost.SendAsync(sink, _host.Message("{}")));

        Assert.True(failure.IsTransient);
        Assert.Contains($"POST http://127.0.0.1:{port}/orders failed", failure.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(failure.InnerException);
    }

    [Fact]
    public async Task A_destination_slower_than_the_timeout_is_a_transient_failure()
    {
        await using var server = await LoopbackHttpServer.StartAsync(context => Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        await using var sink = _host.Create("Http", $$"""{ "Url": "{{server.Address}}slow", "Timeout": "00:00:00.300" }""");

        var failure = await Assert.ThrowsAsync<SinkDeliveryException>(() => SinkTestHost.SendAsync(sink, _host.Message("{}")));

        Assert.True(failure.IsTransient);
        Assert.Contains("got no answer within 00:00:00.3000000 (option Timeout)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_turned_into_a_delivery_failure()
    {
        await using var server = await LoopbackHttpServer.StartAsync(context => Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        await using var sink = _host.Create("Http", $$"""{ "Url": "{{server.Address}}slow" }""");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SinkTestHost.SendAsync(sink, _host.Message("{}"), cancel.Token));
    }

    [Fact]
    public async Task Concurrent_sends_all_arrive()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        await using var sink = _host.Create("Http", $$"""{ "Url": "{{server.Address}}n/{field:/n}" }""");

        await Task.WhenAll(Enumerable.Range(0, 64).Select(n => SinkTestHost.SendAsync(sink, _host.Message($$"""{"n":{{n}}}"""))));

        Assert.Equal(
            Enumerable.Range(0, 64).Select(n => $"/n/{n}").Order(StringComparer.Ordinal),
            server.Requests.Select(r => r.RawTarget).Order(StringComparer.Ordinal));
    }

    public void Dispose() => _host.Dispose();
}
