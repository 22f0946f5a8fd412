using System.Net.Http.Headers;
using System.Text;
using Microsoft.Playwright;

namespace Gateway.DashboardTool;

/// <summary>
/// Regenerates <c>dashboard.png</c> (1400 px, the live tail open) and <c>dashboard-760.png</c> (760 px, a sink's panel
/// open and a reload applied): the real gateway with three inputs and three sinks, traffic flowing, and the Debian
/// chromium driven by Playwright.
/// </summary>
internal static class Screenshots
{
    private const string Config = """
        { "Gateway": {
            "DeadLetters": { "Folder": "{folder}/dead" },
            "Inputs": {
              "orders": { "Type": "Http", "Path": "/ingest/orders", "Format": "Csv" },
              "sensors": { "Type": "Http", "Path": "/ingest/sensors", "Format": "Xml" },
              "plc": { "Type": "Tcp", "Host": "127.0.0.1", "Port": 0, "Framing": "NewLine", "Format": "Csv", "HasHeader": false } },
            "Sinks": {
              "archive": { "Type": "File", "Folder": "{folder}/out", "Mode": "Append", "FileName": "orders", "Format": "Ndjson" },
              "audit": { "Type": "File", "Folder": "{folder}/audit", "Format": "Json" },
              "readings": { "Type": "File", "Folder": "{folder}/readings", "Mode": "Append", "FileName": "readings", "Format": "Csv" } },
            "Routes": {
              "orders": { "Input": "orders", "Converters": [ { "Type": "Rename", "Map": { "qty": "quantity" } } ], "Sinks": [ "archive", "audit" ] },
              "sensors": { "Input": "sensors", "Sinks": [ "readings" ] },
              "plc": { "Input": "plc", "Sinks": [ "archive" ] } } } }
        """;

    public static async Task<int> RunAsync(string folder)
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : FindOnPath("chromium");
        if (chromium is null)
        {
            Console.Error.WriteLine("chromium is not installed (apt-get install -y chromium), or set CHROMIUM_PATH.");
            return 1;
        }

        Directory.CreateDirectory(folder);
        await using var gateway = await GatewayChild.StartAsync(Config);
        using var traffic = new CancellationTokenSource();
        var sending = SendAsync(gateway.Http, traffic.Token);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });

        var wide = await OpenAsync(browser, gateway.Address, 1400, 1000);
        await Assertions.Expect(wide.GetByTestId("map-edge-orders-orders")).Not.ToHaveTextAsync("0.0/s"); // traffic shows
        await wide.GetByTestId("tail-route").SelectOptionAsync("orders");
        await wide.GetByTestId("tail-toggle").ClickAsync();
        await Assertions.Expect(wide.Locator("[data-testid=tail-sample][data-stage=encoded]").First).ToBeVisibleAsync();
        await SaveAsync(wide, folder, "dashboard.png");

        var narrow = await OpenAsync(browser, gateway.Address, 760, 1200);
        await narrow.GetByTestId("reload-run").ClickAsync();
        await Assertions.Expect(narrow.GetByTestId("reload-status")).ToContainTextAsync("applied");
        await narrow.GetByTestId("map-sink-archive").ClickAsync();
        await Assertions.Expect(narrow.GetByTestId("node-settings")).ToContainTextAsync("Ndjson");
        await SaveAsync(narrow, folder, "dashboard-760.png");

        await traffic.CancelAsync();
        await sending;
        return 0;
    }

    private static async Task<IPage> OpenAsync(IBrowser browser, Uri address, int width, int height)
    {
        var page = await browser.NewPageAsync(new() { BaseURL = address.ToString(), ViewportSize = new() { Width = width, Height = height } });
        page.SetDefaultTimeout(20_000);
        Assertions.SetDefaultExpectTimeout(20_000);
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByTestId("map-route-orders")).ToBeVisibleAsync();
        return page;
    }

    private static async Task SaveAsync(IPage page, string folder, string name)
    {
        var file = Path.Combine(folder, name);
        await page.ScreenshotAsync(new() { Path = file, FullPage = true });
        Console.WriteLine($"wrote {file}");
    }

    /// <summary>A steady trickle into two routes, so that the map and the tables show rates.</summary>
    private static async Task SendAsync(HttpClient http, CancellationToken cancellationToken)
    {
        for (var i = 0; !cancellationToken.IsCancellationRequested; i++)
        {
            await PostAsync(http, "/ingest/orders", "text/csv", $"id,qty\n{i},7\n");
            if (i % 3 == 0)
            {
                await PostAsync(http, "/ingest/sensors", "application/xml", $"<reading><sensor>s{i % 5}</sensor><celsius>21.{i % 10}</celsius></reading>");
            }

            await Task.WhenAny(Task.Delay(100, cancellationToken));
        }
    }

    private static async Task PostAsync(HttpClient http, string path, string mediaType, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
}
