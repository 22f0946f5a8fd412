using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Gateway.FunctionalTests.Support;
using Microsoft.Playwright;

namespace Gateway.FunctionalTests.Dashboard;

/// <summary>
/// The route map, live tail and operations of the dashboard in headless Chromium against the real gateway, with
/// three inputs and three sinks: the map is drawn from the running configuration, its rates move while traffic
/// flows, the tail shows a message after the route's converters, a rejected and an applied reload show up (and the
/// map is redrawn), and a paused sink holds its messages until it is resumed.
/// </summary>
public sealed partial class DashboardMapTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private const string Key = "map-test-key-0123456789";

    private readonly TempDirectory _data = new("gateway-ft-map-");
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private HttpCaptureServer? _hooks;

    public async Task InitializeAsync()
    {
        (_playwright, _browser) = await HeadlessChromium.LaunchAsync() is { } started ? started : (null, null);
        _hooks = await HttpCaptureServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_hooks is not null)
        {
            await _hooks.DisposeAsync();
        }
    }

    public void Dispose() => _data.Dispose();

    [RequiresChromiumFact]
    public async Task Map_shows_three_inputs_and_sinks_with_moving_rates_and_the_tail_shows_the_converted_message()
    {
        Assert.True(_browser is not null, "chromium is not installed (apt-get install -y chromium)");
        await using var gateway = await GatewayProcess.StartAsync(Config(extraRoute: false), output);
        var page = await HeadlessChromium.OpenDashboardAsync(_browser, gateway, Key);

        var map = page.GetByTestId("route-map");
        foreach (var id in new[] { "orders", "sensors", "plc" })
        {
            await Assertions.Expect(map.GetByTestId($"map-input-{id}")).ToBeVisibleAsync();
        }

        foreach (var id in new[] { "archive", "audit", "hooks" })
        {
            await Assertions.Expect(map.GetByTestId($"map-sink-{id}")).ToBeVisibleAsync();
        }

        Assert.Equal(3, await map.Locator(".node.input").CountAsync());
        Assert.Equal(3, await map.Locator(".node.sink").CountAsync());
        Assert.Equal(3, await map.Locator(".node.route").CountAsync());
        await Assertions.Expect(map.Locator(".node.step")).ToHaveCountAsync(1); // orders: Rename
        var edge = map.GetByTestId("map-edge-orders-orders");
        await Assertions.Expect(edge).ToHaveTextAsync("0.0/s");
        await AssertLabelsClearAsync(map, labels: 7);

        // The node panel shows the sink's settings with the secret masked.
        await map.GetByTestId("map-sink-hooks").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var settings = page.GetByTestId("node-settings");
        await Assertions.Expect(settings).ToContainTextAsync("Headers:Authorization***");
        Assert.DoesNotContain("hook-secret", await settings.TextContentAsync(), StringComparison.Ordinal);

        // While traffic flows the rate on the input's edge moves, and the tail shows the renamed field.
        using var traffic = new CancellationTokenSource();
        var sending = SendUntilCancelledAsync(gateway, traffic.Token);
        try
        {
            await Assertions.Expect(edge).ToHaveTextAsync(NonZeroRate(), new() { Timeout = HeadlessChromium.WaitMs });
            await Assertions.Expect(map.GetByTestId("map-edge-orders-archive")).ToHaveTextAsync(NonZeroRate(), new() { Timeout = HeadlessChromium.WaitMs });
            await page.GetByTestId("tail-route").SelectOptionAsync("orders");
            await page.GetByTestId("tail-toggle").ClickAsync();
            var converted = page.Locator("[data-testid=tail-sample][data-stage=converted]").First;
            await Assertions.Expect(converted.Locator("pre")).ToHaveTextAsync(new Regex("^\\[\\{\"id\":\"\\d+\",\"quantity\":\"7\"\\}\\]$"));
            var encoded = page.Locator("[data-testid=tail-sample][data-stage=encoded]").Filter(new() { HasText = "encoded for archive" }).First;
            await Assertions.Expect(encoded.Locator("pre")).ToHaveTextAsync(new Regex("^\\{\"id\":\"\\d+\",\"quantity\":\"7\"\\}\\n$"));
            await Assertions.Expect(page.Locator("[data-testid=tail-sample][data-stage=received]").First.Locator("pre")).ToHaveTextAsync(new Regex("^id,qty\\n\\d+,7\\n$"));
            await page.GetByTestId("tail-toggle").ClickAsync();
            await Assertions.Expect(page.GetByTestId("tail-status")).ToHaveTextAsync("Stopped.");
        }
        finally
        {
            await traffic.CancelAsync();
            await sending;
        }
    }

    [RequiresChromiumFact]
    public async Task Reload_status_appears_and_a_paused_sink_holds_its_messages_until_resumed()
    {
        Assert.True(_browser is not null, "chromium is not installed (apt-get install -y chromium)");
        await using var gateway = await GatewayProcess.StartAsync(Config(extraRoute: false), output);
        var page = await HeadlessChromium.OpenDashboardAsync(_browser, gateway, Key, width: 760, height: 1200);
        var map = page.GetByTestId("route-map");
        await Assertions.Expect(map.GetByTestId("map-edge-plc-archive")).ToHaveTextAsync("0.0/s · q 0");
        await AssertLabelsClearAsync(map, labels: 7);

        // At its smallest width (560) the map is drawn again; there the labels of orders -> audit and plc -> archive met.
        await page.SetViewportSizeAsync(560, 1200);
        await Assertions.Expect(map).ToHaveAttributeAsync("viewBox", new Regex("^0 0 560 "));
        await AssertLabelsClearAsync(map, labels: 7);
        await page.SetViewportSizeAsync(760, 1200);

        // Pause from the node panel: posted messages wait in the queue, none reaches the sink.
        await map.GetByTestId("map-sink-hooks").ClickAsync();
        await page.GetByTestId("node-pause").ClickAsync();
        await Assertions.Expect(page.GetByTestId("node-status")).ToHaveTextAsync("Sink hooks paused; 0 message(s) waiting.");
        for (var i = 0; i < 3; i++)
        {
            await PostAsync(gateway, "/ingest/sensors", "application/xml", $"<reading><id>{i}</id></reading>");
        }

        await Assertions.Expect(map.GetByTestId("map-edge-sensors-hooks")).ToHaveTextAsync(new Regex("· q 3$"));
        await Assertions.Expect(map.GetByTestId("map-sink-hooks")).ToContainTextAsync("paused");
        Assert.Empty(_hooks!.Requests);

        // Resume: all three are delivered.
        await page.GetByTestId("node-pause").ClickAsync();
        await Assertions.Expect(page.GetByTestId("node-status")).ToContainTextAsync("Sink hooks resumed;");
        await _hooks.WaitForAcceptedAsync(3);
        await Assertions.Expect(map.GetByTestId("map-edge-sensors-hooks")).ToHaveTextAsync(new Regex("· q 0$"));

        // A rejected reload lists its problem by config path; an applied one is shown and redraws the map.
        await File.WriteAllTextAsync(gateway.ConfigPath, Config(extraRoute: false).Replace("\"Rename\"", "\"Renamee\"", StringComparison.Ordinal));
        await page.GetByTestId("reload-run").ClickAsync();
        await Assertions.Expect(page.GetByTestId("reload-result")).ToContainTextAsync("422 Configuration rejected");
        await Assertions.Expect(page.GetByTestId("reload-status")).ToContainTextAsync("rejected");
        await Assertions.Expect(page.GetByTestId("reload-status")).ToContainTextAsync("Gateway:Routes:orders:Converters:0:Type: unknown converter type 'Renamee'");
        await File.WriteAllTextAsync(gateway.ConfigPath, Config(extraRoute: true));
        await Assertions.Expect(page.GetByTestId("reload-status")).ToContainTextAsync("applied (file; routes added: copies)");
        await Assertions.Expect(map.GetByTestId("map-route-copies")).ToBeVisibleAsync();
        await Assertions.Expect(map.GetByTestId("map-edge-copies-audit")).ToBeVisibleAsync();
        await Assertions.Expect(map.GetByTestId("map-edge-copies-audit")).ToHaveTextAsync(new Regex(@"/s · q \d+$"));
        await AssertLabelsClearAsync(map, labels: 9);
    }

    /// <summary>
    /// Asserts that the map shows <paramref name="labels"/> edge labels and that none covers another or a node (the
    /// labels of two routes' edges into one sink used to sit on top of each other).
    /// </summary>
    private static async Task AssertLabelsClearAsync(ILocator map, int labels)
    {
        Assert.Equal(labels, await map.Locator("text.rate").CountAsync());
        var covered = await map.EvaluateAsync<string[]>("""
            map => {
              const named = (e, name) => ({ name, box: e.getBoundingClientRect() });
              const texts = [...map.querySelectorAll('text.rate')].map(e => named(e, e.dataset.testid));
              const nodes = [...map.querySelectorAll('.node rect')].map(e => named(e, e.parentElement.dataset.testid ?? 'a converter step'));
              const meet = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
              return texts.flatMap((t, i) => [...texts.slice(i + 1), ...nodes].filter(o => meet(t.box, o.box)).map(o => `${t.name} covers ${o.name}`));
            }
            """);
        Assert.Empty(covered);
    }

    private static Regex NonZeroRate() => NonZeroRateRegex();

    [GeneratedRegex(@"^(?!0\.0/s)\d+\.\d/s")]
    private static partial Regex NonZeroRateRegex();

    private string Config(bool extraRoute) => $$"""
        { "Gateway": {
            "Admin": { "ApiKey": "{{Key}}" },
            "DeadLetters": { "Folder": {{GatewayConfig.Quote(Path.Combine(_data.Path, "dead"))}} },
            "Inputs": {
              "orders": { "Type": "Http", "Path": "/ingest/orders", "Format": "Csv" },
              "sensors": { "Type": "Http", "Path": "/ingest/sensors", "Format": "Xml" },
              "plc": { "Type": "Tcp", "Host": "127.0.0.1", "Port": 0, "Framing": "NewLine", "Format": "Csv", "HasHeader": false } },
            "Sinks": {
              "archive": { "Type": "File", "Folder": {{GatewayConfig.Quote(Path.Combine(_data.Path, "out"))}}, "Mode": "Append", "FileName": "orders", "Format": "Ndjson" },
              "audit": { "Type": "File", "Folder": {{GatewayConfig.Quote(Path.Combine(_data.Path, "audit"))}}, "Format": "Json" },
              "hooks": { "Type": "Http", "Url": {{GatewayConfig.Quote(_hooks!.Url("/hooks"))}}, "Format": "Json", "Headers": { "Authorization": "Bearer hook-secret" } }
            },
            "Routes": {
              "orders": { "Input": "orders", "Converters": [ { "Type": "Rename", "Map": { "qty": "quantity" } } ], "Sinks": [ "archive", "audit" ] },
              "sensors": { "Input": "sensors", "Sinks": [ "hooks" ] },
              {{(extraRoute ? "\"copies\": { \"Input\": \"orders\", \"Sinks\": [ \"audit\" ] }," : string.Empty)}}
              "plc": { "Input": "plc", "Sinks": [ "archive" ] } } } }
        """;

    private static async Task SendUntilCancelledAsync(GatewayProcess gateway, CancellationToken cancellationToken)
    {
        for (var i = 0; !cancellationToken.IsCancellationRequested; i++)
        {
            await PostAsync(gateway, "/ingest/orders", "text/csv", $"id,qty\n{i},7\n");
            await Task.WhenAny(Task.Delay(100, cancellationToken)); // a steady trickle, so a rate shows
        }
    }

    private static async Task PostAsync(GatewayProcess gateway, string path, string mediaType, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await gateway.Http.PostAsync(new Uri(path, UriKind.Relative), content);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
    }
}
