using Gateway.Core.Routing;
using Gateway.TestSupport;
using Gateway.Transports.Tcp;
using Gateway.Transports.Tls;
using Microsoft.Extensions.Logging;
using static Gateway.Tests.Transports.Tcp.FrameTest;
using static Gateway.Tests.Transports.Tcp.TcpTestHost;

namespace Gateway.Tests.Transports.Tcp;

/// <summary>The TCP sink talking TLS to the TCP input, with certificates made by the test: real handshakes on loopback.</summary>
public sealed class TcpTlsTests : IDisposable
{
    private readonly TestCertificates _certificates = TestCertificates.Create();

    public void Dispose() => _certificates.Dispose();

    [Fact]
    public async Task A_sink_with_the_CA_and_a_client_certificate_reaches_an_input_that_requires_one()
    {
        var dispatcher = new FakeDispatcher();
        var logger = new RecordingLogger();
        await using var input = await StartInputAsync(ServerOptions(ClientCertificateMode.Require), dispatcher, logger);
        await using var sink = new TcpSink(SinkOptions(input.LocalEndPoint!.Port, client: true), SinkContext(logger));

        await sink.SendAsync(TcpSinkTests.Outgoing("{\"secret\":1}"), CancellationToken.None);

        var message = await dispatcher.NextAsync(NetworkTimeout);
        Assert.Equal("{\"secret\":1}", System.Text.Encoding.UTF8.GetString(message.Body.Span));
        Assert.Equal("CN=device-1", message.Metadata["clientCertificate"]);
        Assert.Contains((LogLevel.Information, $"Input tcp-in listening on tcp+tls://127.0.0.1:{input.LocalEndPoint.Port}"), logger.Entries);
    }

    [Fact]
    public async Task Without_a_client_certificate_the_handshake_fails_and_nothing_is_dispatched()
    {
        var dispatcher = new FakeDispatcher();
        var logger = new RecordingLogger();
        await using var input = await StartInputAsync(ServerOptions(ClientCertificateMode.Require), dispatcher, logger);
        await using var sink = new TcpSink(SinkOptions(input.LocalEndPoint!.Port, client: false), SinkContext(logger));

        // With TLS 1.3 the client finishes its handshake before the server checked its certificate, so the send may
        // seem to succeed: the refusal shows on the server's side.
        await SendIgnoringFailureAsync(sink);

        await logger.WaitForAsync(LogLevel.Information, NetworkTimeout, "Input tcp-in: the TLS handshake with", "failed");
        Assert.False(dispatcher.HasMore);
    }

    [Fact]
    public async Task A_client_certificate_from_another_CA_is_refused()
    {
        var dispatcher = new FakeDispatcher();
        var logger = new RecordingLogger();
        await using var input = await StartInputAsync(ServerOptions(ClientCertificateMode.Allow), dispatcher, logger);
        var options = SinkOptions(input.LocalEndPoint!.Port, client: false);
        options.Tls!.Certificate = new CertificateFileOptions { Path = _certificates.StrangerPath, KeyPath = _certificates.StrangerKeyPath };
        await using var sink = new TcpSink(options, SinkContext(logger));

        // With TLS 1.3 the client finishes its handshake before the server checked its certificate, so the send may
        // seem to succeed: the refusal shows on the server's side.
        await SendIgnoringFailureAsync(sink);

        await logger.WaitForAsync(LogLevel.Information, NetworkTimeout, "Input tcp-in: the TLS handshake with", "failed");
        Assert.False(dispatcher.HasMore);
    }

    [Fact]
    public async Task A_sink_refuses_a_server_whose_certificate_names_another_host_unless_the_name_check_is_off()
    {
        var dispatcher = new FakeDispatcher();
        var logger = new RecordingLogger();
        var server = ServerOptions(ClientCertificateMode.None);
        server.Tls!.Certificate = new CertificateFileOptions { Path = _certificates.WrongNamePath, KeyPath = _certificates.WrongNameKeyPath };
        await using var input = await StartInputAsync(server, dispatcher, logger);
        var options = SinkOptions(input.LocalEndPoint!.Port, client: false);
        await using var checking = new TcpSink(options, SinkContext(logger));

        var refused = await Assert.ThrowsAsync<SinkDeliveryException>(async () => await checking.SendAsync(TcpSinkTests.Outgoing("{}"), CancellationToken.None));
        Assert.Contains("the TLS handshake with tcp+tls://127.0.0.1:", refused.Message, StringComparison.Ordinal);

        options.Tls!.CheckHostName = false;
        await using var lenient = new TcpSink(options, SinkContext(logger));
        await lenient.SendAsync(TcpSinkTests.Outgoing("{\"n\":2}"), CancellationToken.None);
        Assert.Equal("{\"n\":2}", System.Text.Encoding.UTF8.GetString((await dispatcher.NextAsync(NetworkTimeout)).Body.Span));
    }

    [Fact]
    public async Task A_sink_without_the_CA_does_not_trust_the_test_server()
    {
        var dispatcher = new FakeDispatcher();
        var logger = new RecordingLogger();
        await using var input = await StartInputAsync(ServerOptions(ClientCertificateMode.None), dispatcher, logger);
        var options = SinkOptions(input.LocalEndPoint!.Port, client: false);
        options.Tls!.Ca = null;
        await using var sink = new TcpSink(options, SinkContext(logger));

        var refused = await Assert.ThrowsAsync<SinkDeliveryException>(async () => await sink.SendAsync(TcpSinkTests.Outgoing("{}"), CancellationToken.None));

        Assert.Contains("TLS handshake", refused.Message, StringComparison.Ordinal);
        Assert.False(dispatcher.HasMore);
    }

    private static async Task SendIgnoringFailureAsync(TcpSink sink)
    {
        try
        {
            await sink.SendAsync(TcpSinkTests.Outgoing("{}"), CancellationToken.None);
        }
        catch (SinkDeliveryException)
        {
        }
    }

    private TcpInputOptions ServerOptions(ClientCertificateMode mode)
    {
        var options = FramingOptions(Framing.NewLine);
        options.Tls = new TlsServerOptions
        {
            Certificate = new CertificateFileOptions { Path = _certificates.ServerPath, KeyPath = _certificates.ServerKeyPath },
            ClientCertificate = mode,
            ClientCa = _certificates.CaPath,
        };
        return options;
    }

    private TcpSinkOptions SinkOptions(int port, bool client)
    {
        var options = TcpSinkTests.SinkOptions(FramingOptions(Framing.NewLine), port);
        options.Tls = new TlsClientOptions
        {
            Ca = _certificates.CaPath,
            Certificate = client ? new CertificateFileOptions { Path = _certificates.ClientPath, KeyPath = _certificates.ClientKeyPath } : null,
        };
        return options;
    }
}
