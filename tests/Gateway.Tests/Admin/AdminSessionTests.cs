using System.Net;
using Gateway.Tests.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Admin;

/// <summary>The dashboard's login sessions (cookie authentication), failed-login throttling, CSP and protected probes.</summary>
public sealed class AdminSessionTests : IDisposable
{
    private const string Key = "admin-key-0123456789abcdef";
    private readonly ShiftedTime _time = new();
    private readonly GatewayAppFactory _factory;

    public AdminSessionTests()
    {
        _factory = new GatewayAppFactory(
            new()
            {
                ["Gateway:Admin:ApiKey"] = Key,
                ["Gateway:Admin:SessionLifetime"] = "00:10:00",
                ["Gateway:Admin:ProtectMetrics"] = "true",
            },
            services => services.AddSingleton<TimeProvider>(_time));
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Each_login_gets_its_own_cookie_and_logging_out_invalidates_it()
    {
        var first = await LoginAsync(Key);
        var second = await LoginAsync(Key);
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.OK, await OverviewStatusAsync(first));

        using var client = Client();
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/admin/logout") { Headers = { { "Cookie", first } } };
        using var loggedOut = await client.SendAsync(logout);
        Assert.Equal(HttpStatusCode.Redirect, loggedOut.StatusCode);

        // A copy of the cookie kept from before the logout opens nothing; the other session still works.
        Assert.Equal(HttpStatusCode.Unauthorized, await OverviewStatusAsync(first));
        Assert.Equal(HttpStatusCode.OK, await OverviewStatusAsync(second));
    }

    [Fact]
    public async Task A_session_expires_after_its_lifetime()
    {
        var cookie = await LoginAsync(Key);
        _time.Shift = TimeSpan.FromMinutes(9);
        Assert.Equal(HttpStatusCode.OK, await OverviewStatusAsync(cookie));
        _time.Shift = TimeSpan.FromMinutes(11);
        Assert.Equal(HttpStatusCode.Unauthorized, await OverviewStatusAsync(cookie));
    }

    [Fact]
    public async Task After_five_failed_logins_even_the_right_key_gets_429_with_retry_after()
    {
        using var client = Client();
        for (var i = 0; i < 5; i++)
        {
            using var failed = await client.PostAsync(new Uri("/admin/login", UriKind.Relative), Form("wrong-key-" + i));
            Assert.Equal("/?login=failed", failed.Headers.Location?.OriginalString);
        }

        using var throttled = await client.PostAsync(new Uri("/admin/login", UriKind.Relative), Form(Key));
        var problem = await ProblemAssert.IsProblemAsync(throttled, (HttpStatusCode)429);
        Assert.Equal(TimeSpan.FromSeconds(60), throttled.Headers.RetryAfter?.Delta);
        Assert.Contains("5 logins from", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/dashboard/login.js")]
    [InlineData("/dashboard/login.css")]
    public async Task Dashboard_files_carry_a_strict_content_security_policy(string path)
    {
        using var client = Client();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("style-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scalar_page_allows_exactly_its_inline_script_by_hash()
    {
        using var client = Client();
        using var response = await client.GetAsync(new Uri("/scalar/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        var start = html.IndexOf("<script type=\"module\">", StringComparison.Ordinal) + "<script type=\"module\">".Length;
        var script = html[start..html.IndexOf("</script>", start, StringComparison.Ordinal)];
        var hash = System.Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(script)));
        Assert.Contains($"script-src 'self' 'sha256-{hash}';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scalar_page_shows_nothing_that_needs_the_internet()
    {
        using var client = Client();
        var html = await client.GetStringAsync(new Uri("/scalar/", UriKind.Relative));

        // No fonts from Scalar's CDN, no telemetry, no developer toolbar (share, deploy), no AI agent, no MCP generator.
        Assert.Contains("\"withDefaultFonts\":false,", html, StringComparison.Ordinal);
        Assert.Contains("\"telemetry\":false,\"showDeveloperTools\":\"never\",\"agent\":{\"disabled\":true},\"mcp\":{\"disabled\":true}", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/readyz")]
    [InlineData("/admin/api/overview")]
    public async Task Protected_endpoints_need_the_admin_key(string path)
    {
        using var client = Client();
        using var refused = await client.GetAsync(new Uri(path, UriKind.Relative));
        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Unauthorized);
        Assert.Equal("No credentials were sent. Send the admin key in the X-Api-Key header, or log in on the dashboard.", problem.GetProperty("detail").GetString());

        using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "X-Api-Key", Key } } };
        using var allowed = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);

        using var healthz = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
    }

    private HttpClient Client() => _factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

    private static FormUrlEncodedContent Form(string key) => new([new("key", key)]);

    /// <summary>Logs in and returns the session cookie as a <c>Cookie</c> header value.</summary>
    private async Task<string> LoginAsync(string key)
    {
        using var client = Client();
        using var response = await client.PostAsync(new Uri("/admin/login", UriKind.Relative), Form(key));
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        return setCookie[..setCookie.IndexOf(';', StringComparison.Ordinal)];
    }

    private async Task<HttpStatusCode> OverviewStatusAsync(string cookie)
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/api/overview") { Headers = { { "Cookie", cookie } } };
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>The system clock moved forward by <see cref="Shift"/>, so expiry can be tested without waiting.</summary>
    private sealed class ShiftedTime : TimeProvider
    {
        public TimeSpan Shift { get; set; }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Shift;
    }
}
