using System.Net.Http.Headers;
using System.Text;
using Gateway.FunctionalTests.Support;
using Microsoft.Playwright;

namespace Gateway.FunctionalTests.Dashboard;

/// <summary>
/// The dashboard in a real headless Chromium (the Debian package, driven by Playwright) against the real gateway:
/// log in with the API key, watch the counters move, convert a CSV, inspect and re-drive a dead letter.
/// With <c>GATEWAY_SCREENSHOT=FILE</c> it also saves a screenshot of the page (the README's picture).
/// </summary>
public sealed class DashboardBrowserTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private const string Key = "browser-test-key-0123456789";
    private static readonly float WaitMs = HeadlessChromium.WaitMs;

    private readonly TempDirectory _data = new("gateway-ft-dashboard-");
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        // Null when chromium is missing: skipped, or failing in the test with the attribute's reason.
        (_playwright, _browser) = await HeadlessChromium.LaunchAsync() is { } started ? started : (null, null);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    public void Dispose() => _data.Dispose();

    [RequiresChromiumFact]
    public async Task Dashboard_shows_traffic_converts_a_csv_and_redrives_a_dead_letter()
    {
        Assert.True(_browser is not null, "chromium is not installed (apt-get install -y chromium)");
        await using var gateway = await GatewayProcess.StartAsync($$"""
            { "Gateway": {
                "Admin": { "ApiKey": "{{Key}}" },
                "DeadLetters": { "Folder": {{GatewayConfig.Quote(Path.Combine(_data.Path, "dead"))}} },
                "Inputs": {
                  "orders": { "Type": "Http", "Path": "/ingest/orders", "Format": "Csv" },
                  "plc": { "Type": "Tcp", "Host": "127.0.0.1", "Port": 0, "Framing": "NewLine", "Format": "Csv", "HasHeader": false } },
                "Sinks": {
                  "archive": { "Type": "File", "Folder": {{GatewayConfig.Quote(Path.Combine(_data.Path, "out"))}}, "Mode": "Append", "FileName": "orders", "Format": "Ndjson" },
                  "audit": { "Type": "File", "Folder": {{GatewayConfig.Quote(Path.Combine(_data.Path, "audit"))}}, "Format": "Json" }
                },
                "Routes": {
                  "orders": { "Input": "orders", "Sinks": [ "archive", "audit" ] },
                  "plc": { "Input": "plc", "Sinks": [ "archive" ] } } } }
            """, output);

        using (var anonymous = await gateway.Http.GetAsync(new Uri("/admin/api/overview", UriKind.Relative)))
        {
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        var page = await HeadlessChromium.OpenDashboardAsync(_browser, gateway, Key);

        // Counters move after messages arrive.
        for (var i = 0; i < 5; i++)
        {
            await PostCsvAsync(gateway, $"id,qty\n{i},{i + 1}\n");
        }

        await Assertions.Expect(page.Locator("[data-testid=route-orders] td").Nth(1)).ToHaveTextAsync("5", new() { Timeout = WaitMs });
        await Assertions.Expect(page.Locator("[data-testid=sink-archive] td").Nth(2)).ToHaveTextAsync("5", new() { Timeout = WaitMs });
        await Assertions.Expect(page.Locator("[data-testid=sink-archive] svg.spark")).ToBeVisibleAsync();

        // Two points already span the sparkline's width (placed on the two-minute axis, the first ones were a few px wide).
        var spark = page.Locator("[data-testid=sink-archive] svg.spark polyline");
        await Assertions.Expect(spark).ToHaveAttributeAsync("points", new System.Text.RegularExpressions.Regex(@"^\S+ \S+"), new() { Timeout = WaitMs });
        var box = await spark.BoundingBoxAsync();
        Assert.True(box is { Width: >= 100 }, $"the sparkline is {box?.Width} px wide");

        // The conversion panel turns a CSV into JSON.
        await page.GetByTestId("convert-from").SelectOptionAsync("text/csv");
        await page.GetByTestId("convert-to").SelectOptionAsync("application/json");
        await page.GetByTestId("convert-input").FillAsync("id,name\n1,Ada\n2,Linus\n");
        await page.GetByTestId("convert-run").ClickAsync();
        await Assertions.Expect(page.GetByTestId("convert-status")).ToContainTextAsync("2 record(s)");
        var converted = await page.GetByTestId("convert-output").TextContentAsync();
        Assert.Contains("\"name\": \"Ada\"", converted, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"Linus\"", converted, StringComparison.Ordinal);

        // A malformed line from a TCP input (which cannot refuse it to its sender, as HTTP does with 400) fails
        // conversion: it shows in recent errors and in the dead letters.
        await SendLineAsync(await gateway.InputEndpointAsync("plc"), "9,\"1,extra");
        await Assertions.Expect(page.GetByTestId("error").First).ToContainTextAsync("route plc (convert)", new() { Timeout = WaitMs });
        var deadRow = page.Locator("[data-testid^=dead-]").Filter(new() { HasText = "convert" }).First;
        await Assertions.Expect(deadRow).ToBeVisibleAsync(new() { Timeout = WaitMs });
        await deadRow.GetByRole(AriaRole.Button, new() { NameRegex = new("^Inspect ") }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("dead-body")).ToContainTextAsync("9,\"1,extra");

        if (Environment.GetEnvironmentVariable("GATEWAY_SCREENSHOT") is { Length: > 0 } screenshot)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        }

        // Fix the body in the folder, then re-drive it: it goes through the route and is delivered.
        var body = Directory.GetFiles(Path.Combine(_data.Path, "dead"), "*.csv").Single();
        await File.WriteAllTextAsync(body, "9,1\n");
        await deadRow.GetByRole(AriaRole.Button, new() { NameRegex = new("^Re-drive ") }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("dead-status")).ToContainTextAsync("Re-drove message");
        await Assertions.Expect(page.Locator("[data-testid=sink-archive] td").Nth(2)).ToHaveTextAsync("6", new() { Timeout = WaitMs });
        Assert.Empty(Directory.GetFiles(Path.Combine(_data.Path, "dead")));
    }

    private static async Task SendLineAsync(System.Net.IPEndPoint endpoint, string line)
    {
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(endpoint);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"));
        client.Client.Shutdown(System.Net.Sockets.SocketShutdown.Send);
        _ = await stream.ReadAtLeastAsync(new byte[1], 1, throwOnEndOfStream: false); // the gateway closes once the line is stored
    }

    private static async Task PostCsvAsync(GatewayProcess gateway, string csv)
    {
        using var content = new StringContent(csv, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var response = await gateway.Http.PostAsync(new Uri("/ingest/orders", UriKind.Relative), content);
    }
}
