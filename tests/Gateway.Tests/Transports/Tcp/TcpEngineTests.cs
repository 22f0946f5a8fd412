using Gateway.Core.Configuration;
using Gateway.Core.Engine;
using Gateway.Core.Routing;
using Gateway.Formats.Csv;
using Gateway.Formats.Json;
using Gateway.Transports.Tcp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static Gateway.Tests.Transports.Tcp.FrameTest;
using static Gateway.Tests.Transports.Tcp.TcpTestHost;

namespace Gateway.Tests.Transports.Tcp;

/// <summary>The TCP input and sink in the real route engine, configured from one flat section each.</summary>
public class TcpEngineTests
{
    [Fact]
    public async Task Csv_frames_in_become_ndjson_frames_out_with_framing_and_format_options_side_by_side()
    {
        // The receiving end of the sink: a TCP input of its own with a 2-byte length prefix.
        var received = new FakeDispatcher();
        await using var target = await StartInputAsync(FramingOptions(Framing.LengthPrefix, prefixBytes: 2), received, new RecordingLogger());
        var deadLetters = Path.Combine(Path.GetTempPath(), "gateway-tests", Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:Inputs:plc:Type"] = "Tcp",
            ["Gateway:Inputs:plc:Port"] = "0",
            ["Gateway:Inputs:plc:Framing"] = "Delimiter",
            ["Gateway:Inputs:plc:FrameDelimiter"] = @"\x1E",
            ["Gateway:Inputs:plc:Format"] = "Csv",
            ["Gateway:Inputs:plc:HasHeader"] = "false",
            ["Gateway:Inputs:plc:Delimiter"] = ";",
            ["Gateway:Sinks:out:Type"] = "Tcp",
            ["Gateway:Sinks:out:Host"] = "127.0.0.1",
            ["Gateway:Sinks:out:Port"] = target.LocalEndPoint!.Port.ToString(),
            ["Gateway:Sinks:out:Framing"] = "LengthPrefix",
            ["Gateway:Sinks:out:LengthPrefixBytes"] = "2",
            ["Gateway:Sinks:out:Format"] = "Ndjson",
            ["Gateway:Routes:r:Input"] = "plc",
            ["Gateway:Routes:r:Sinks:0"] = "out",
            ["Gateway:DeadLetters:Folder"] = deadLetters,
            ["Gateway:Buffer:Folder"] = Path.Combine(deadLetters, "buffer"),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGateway(configuration.GetSection("Gateway")).AddJsonFormat().AddNdjsonFormat().AddCsvFormat().AddTcpTransport().AddRouteEngine();
        await using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<GatewayEngine>();
        await engine.StartAsync(CancellationToken.None).WaitAsync(NetworkTimeout);
        await engine.StartedAsync(CancellationToken.None).WaitAsync(NetworkTimeout);
        try
        {
            Assert.True(engine.TryGetInput("plc", out var input));
            using var client = await ConnectAsync(((TcpInput)input).LocalEndPoint!);

            await SendAsync(client, Bytes("1;a\u001e2;b\u001e"));

            Assert.Equal(
                ["{\"column1\":\"1\",\"column2\":\"a\"}\n", "{\"column1\":\"2\",\"column2\":\"b\"}\n"],
                await received.NextBodiesAsync(2, NetworkTimeout));
        }
        finally
        {
            await engine.StopAsync(CancellationToken.None).WaitAsync(NetworkTimeout);
            if (Directory.Exists(deadLetters))
            {
                Directory.Delete(deadLetters, recursive: true);
            }
        }
    }
}
