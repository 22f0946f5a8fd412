using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace Gateway.DashboardTool;

/// <summary>
/// What an open live tail costs a route: the real gateway, one HTTP input into a route with one converter and a file
/// sink, 8 senders posting one-record CSV bodies as fast as the gateway acknowledges them (202, durable). Measured
/// without a watcher and with one reading <c>GET /admin/api/routes/orders/tail</c>, in turn, twice; prints the rates and
/// their ratio.
/// </summary>
internal static class TailCost
{
    private const int Senders = 8;

    private const string Config = """
        { "Gateway": {
            "DeadLetters": { "Folder": "{folder}/dead" },
            "Inputs": { "orders": { "Type": "Http", "Path": "/ingest/orders", "Format": "Csv" } },
            "Sinks": { "archive": { "Type": "File", "Folder": "{folder}/out", "Mode": "Append", "FileName": "orders", "Format": "Ndjson" } },
            "Routes": { "orders": { "Input": "orders", "Converters": [ { "Type": "Rename", "Map": { "qty": "quantity" } } ], "Sinks": [ "archive" ] } } } }
        """;

    public static async Task<int> RunAsync(int seconds)
    {
        await using var gateway = await GatewayChild.StartAsync(Config);
        var phase = TimeSpan.FromSeconds(seconds);
        await MeasureAsync(gateway.Http, TimeSpan.FromSeconds(5)); // warm-up: JIT, connections, the log's first pages

        // Without and with a watcher in turn, twice, so that a drift of the shared machine shows as a spread.
        var without = new List<double>();
        var with = new List<double>();
        for (var round = 0; round < 2; round++)
        {
            without.Add(await MeasureAsync(gateway.Http, phase));
            var (rate, sampled) = await MeasureWatchedAsync(gateway.Http, phase);
            with.Add(rate);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round + 1}: without a watcher {without[^1]:F0} msg/s, with a live tail open {rate:F0} msg/s ({sampled} samples streamed)"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mean: without {without.Average():F0} msg/s, with {with.Average():F0} msg/s ({with.Average() / without.Average():P1}); {Senders} senders, {seconds} s a phase"));
        return 0;
    }

    private static async Task<(double Rate, int Samples)> MeasureWatchedAsync(HttpClient http, TimeSpan duration)
    {
        using var tail = await http.GetAsync(new Uri("/admin/api/routes/orders/tail", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        if (tail.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"the tail answered {(int)tail.StatusCode}");
        }

        using var stopReading = new CancellationTokenSource();
        var samples = CountSamplesAsync(await tail.Content.ReadAsStreamAsync(), stopReading.Token);
        var rate = await MeasureAsync(http, duration);
        await stopReading.CancelAsync();
        return (rate, await samples);
    }

    /// <summary>Acknowledged messages per second over <paramref name="duration"/>.</summary>
    private static async Task<double> MeasureAsync(HttpClient http, TimeSpan duration)
    {
        using var stop = new CancellationTokenSource(duration);
        var clock = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => SendAsync(http, stop.Token)));
        return counts.Sum() / clock.Elapsed.TotalSeconds;
    }

    private static async Task<long> SendAsync(HttpClient http, CancellationToken stop)
    {
        long accepted = 0;
        while (!stop.IsCancellationRequested)
        {
            using var content = new StringContent($"id,qty\n{accepted},7\n", Encoding.UTF8, "text/csv");
            using var response = await http.PostAsync(new Uri("/ingest/orders", UriKind.Relative), content, CancellationToken.None);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"the gateway answered {(int)response.StatusCode}");
            }

            accepted++;
        }

        return accepted;
    }

    private static async Task<int> CountSamplesAsync(Stream events, CancellationToken stop)
    {
        using var reader = new StreamReader(events);
        var samples = 0;
        try
        {
            while (await reader.ReadLineAsync(stop) is { } line)
            {
                samples += line.StartsWith("data: ", StringComparison.Ordinal) && !line.Contains("\"watching\"", StringComparison.Ordinal) ? 1 : 0;
            }
        }
        catch (OperationCanceledException)
        {
            // the measurement is over
        }

        return samples;
    }
}
