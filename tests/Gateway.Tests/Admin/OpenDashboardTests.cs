using Gateway.Tests.Http;

namespace Gateway.Tests.Admin;

/// <summary>The dashboard of a gateway without an admin key: no login, so nothing to log out of.</summary>
public sealed class OpenDashboardTests : IDisposable
{
    private readonly GatewayAppFactory _factory = new(new());

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Without_an_admin_key_the_page_has_no_log_out()
    {
        using var client = _factory.CreateClient();

        var page = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("data-testid=\"routes\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("/admin/logout", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Log out", page, StringComparison.Ordinal);
    }
}
