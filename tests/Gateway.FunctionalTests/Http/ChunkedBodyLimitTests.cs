using System.Text;
using System.Text.Json;
using Gateway.FunctionalTests.Support;

namespace Gateway.FunctionalTests.Http;

/// <summary>
/// <c>Gateway:Http:MaxBodyBytes</c> against bodies that announce no length: chunked requests written on a raw socket
/// to the real program, at the limit, one byte over and streamed chunk by chunk.
/// </summary>
public sealed class ChunkedBodyLimitTests(ITestOutputHelper output)
{
    private const int Limit = 64;

    [Fact]
    public async Task Convert_takes_a_chunked_body_at_the_limit_and_answers_413_one_byte_over()
    {
        await using var gateway = await StartAsync(sinkPort: null);

        var atLimit = await RawHttpExchange.PostChunkedAsync(gateway.HttpAddress, "/convert", "application/json", RawHttpExchange.Chunks(Body(Limit), 8));
        var over = await RawHttpExchange.PostChunkedAsync(gateway.HttpAddress, "/convert", "application/json", RawHttpExchange.Chunks(Body(Limit + 1), 8));
        var farOver = await RawHttpExchange.PostChunkedAsync(gateway.HttpAddress, "/convert", "application/json", [Body(Limit * 50)]);

        Assert.Equal(200, atLimit.Status);
        Assert.Equal(RecordsIn(Limit), JsonDocument.Parse(atLimit.Body).RootElement.GetArrayLength());
        AssertTooLarge(over);
        AssertTooLarge(farOver);
    }

    [Fact]
    public async Task Ingest_refuses_a_chunked_body_one_byte_over_the_limit_and_delivers_none_of_it()
    {
        await using var sink = TcpCaptureServer.Start();
        await using var gateway = await StartAsync(sink.Port);

        var over = await RawHttpExchange.PostChunkedAsync(gateway.HttpAddress, "/ingest/orders", "application/json", RawHttpExchange.Chunks(Body(Limit + 1, marker: 7), 5));
        var atLimit = await RawHttpExchange.PostChunkedAsync(gateway.HttpAddress, "/ingest/orders", "application/json", RawHttpExchange.Chunks(Body(Limit, marker: 3), 5));

        AssertTooLarge(over);
        Assert.Equal(202, atLimit.Status);
        Assert.Equal(RecordsIn(Limit), JsonDocument.Parse(atLimit.Body).RootElement.GetProperty("records").GetInt32());

        // The refused body was sent first: had any of it been routed, its records (n = 7) would arrive before these.
        var lines = (await sink.WaitForLinesAsync(RecordsIn(Limit))).Where(line => line.Length > 0).ToList();
        Assert.Equal(Enumerable.Repeat("""{"n":3}""", RecordsIn(Limit)), lines);
    }

    private Task<GatewayProcess> StartAsync(int? sinkPort) => GatewayProcess.StartAsync(
        sinkPort is not { } port
            ? $$"""{ "Gateway": { "Http": { "MaxBodyBytes": {{Limit}} } } }"""
            : $$"""
              { "Gateway": {
                  "Http": { "MaxBodyBytes": {{Limit}} },
                  "Inputs": { "orders": { "Type": "Http", "Path": "/ingest/orders" } },
                  "Sinks": { "capture": { "Type": "Tcp", "Host": "127.0.0.1", "Port": {{port}}, "Framing": "NewLine", "Format": "Ndjson" } },
                  "Routes": { "r": { "Input": "orders", "Sinks": [ "capture" ] } } } }
              """,
        output);

    private static void AssertTooLarge(RawHttpExchange answer)
    {
        Assert.Equal(413, answer.Status);
        Assert.Contains("Content-Type: application/problem+json", answer.Head, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Limit, JsonDocument.Parse(answer.Body).RootElement.GetProperty("limit").GetInt64());
    }

    /// <summary>How many <c>{"n":D}</c> records <see cref="Body"/> puts into <paramref name="length"/> bytes.</summary>
    private static int RecordsIn(int length) => (length - 1) / 8;

    /// <summary>A JSON array of <c>{"n":marker}</c> objects padded with spaces to exactly <paramref name="length"/> bytes.</summary>
    private static byte[] Body(int length, int marker = 1)
    {
        var record = $$"""{"n":{{marker}}}""";
        var text = new StringBuilder("[").Append(record);
        while (text.Length + 1 + record.Length + 1 <= length)
        {
            text.Append(',').Append(record);
        }

        return Encoding.UTF8.GetBytes(text.Append(']').ToString().PadRight(length));
    }
}
