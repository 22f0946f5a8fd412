using Microsoft.Playwright;

namespace Gateway.FunctionalTests.Support;

/// <summary>Playwright driving the Debian chromium (never a downloaded browser), headless, and the dashboard's login.</summary>
public static class HeadlessChromium
{
    /// <summary>How long a page waits for what it expects.</summary>
    public static readonly float WaitMs = (float)TimeSpan.FromSeconds(20).TotalMilliseconds;

    /// <summary>Starts chromium; null when it is not installed (the test is then skipped, or fails with the attribute's reason).</summary>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)?> LaunchAsync()
    {
        if (RequiresChromiumFactAttribute.Executable is null)
        {
            return null;
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = RequiresChromiumFactAttribute.Executable,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
            Timeout = WaitMs,
        });
        return (playwright, browser);
    }

    /// <summary>Opens the dashboard of <paramref name="gateway"/> at <paramref name="width"/> px and logs in with <paramref name="key"/>.</summary>
    public static async Task<IPage> OpenDashboardAsync(IBrowser browser, GatewayProcess gateway, string key, int width = 1400, int height = 1000)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(gateway);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = gateway.HttpAddress.ToString(), ViewportSize = new() { Width = width, Height = height } });
        page.SetDefaultTimeout(WaitMs);
        await page.GotoAsync("/");
        await page.GetByTestId("login-key").FillAsync(key);
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("routes")).ToBeVisibleAsync();
        return page;
    }
}
