using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gateway.FunctionalTests.Support;

/// <summary>The capture servers the other tests rely on: recording, failing on demand, stopping and coming back on the same port.</summary>
public sealed class CaptureServerTests
{
    [Fact]
    public async Task Http_capture_server_records_answers_the_chosen_status_and_restarts_on_its_port()
    {
        await using var server = await HttpCaptureServer.StartAsync();
        using var client = new HttpClient { Timeout = Timeouts.Operation };
        var port = server.Port;

        using (var ok = await client.PostAsync(new Uri(server.Url("/a?x=1")), new StringContent("one", Encoding.UTF8, "text/plain")))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        server.ResponseStatus = 503;
        using (var failed = await client.PutAsync(new Uri(server.Url("/b")), new StringContent("two")))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        }

        await server.StopAsync();
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri(server.Url("/down"))));
        server.ResponseStatus = 200;
        await server.StartAsync();
        using (var back = await client.PostAsync(new Uri(server.Url("/c")), new StringContent("three")))
        {
            Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        }

        var accepted = await server.WaitForAcceptedAsync(2);
        Assert.Equal(port, server.Port);
        Assert.Equal(["/a", "/c"], accepted.Select(r => r.Path));
        Assert.Equal("?x=1", accepted[0].QueryString);
        Assert.Equal("one", accepted[0].BodyText);
        Assert.StartsWith("text/plain", accepted[0].Header("content-type"), StringComparison.Ordinal);
        Assert.Equal(["POST", "PUT", "POST"], server.Requests.Select(r => r.Method));
        Assert.Equal(503, server.Requests[1].AnsweredStatus);
    }

    [Fact]
    public async Task Tcp_capture_server_records_lines_from_several_connections_and_restarts_on_its_port()
    {
        await using var server = TcpCaptureServer.Start();
        var port = server.Port;

        await SendAsync(port, "a\nb\r\n");
        await SendAsync(port, "c\n");
        var lines = await server.WaitForLinesAsync(3);
        await server.StopAsync();

        using var refused = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => refused.ConnectAsync(IPAddress.Loopback, port).WaitAsync(Timeouts.Operation));

        server.Start();
        await SendAsync(port, "d\n");

        Assert.Equal(["a", "b", "c"], lines.Order()); // two connections: their order of arrival is not fixed
        Assert.Equal(["a", "b", "c", "d"], (await server.WaitForLinesAsync(4)).Order());
        Assert.Equal(port, server.Port);
        Assert.Equal(3, server.ConnectionsAccepted);
    }

    private static async Task SendAsync(int port, string text)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port).WaitAsync(Timeouts.Operation);
        await client.GetStream().WriteAsync(Encoding.UTF8.GetBytes(text)).AsTask().WaitAsync(Timeouts.Operation);
    }
}
