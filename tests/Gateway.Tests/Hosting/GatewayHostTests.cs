using Gateway.Hosting;

namespace Gateway.Tests.Hosting;

public sealed class GatewayHostTests
{
    [Fact]
    public async Task Listens_on_the_default_address_when_none_is_configured()
    {
        await using var app = GatewayHost.Build([], configFile: null);
        Assert.Equal(GatewayHost.DefaultUrl, app.Configuration["urls"]);
        Assert.Equal("http://localhost:5080", GatewayHost.DefaultUrl);
    }

    [Theory]
    [InlineData("--urls", "http://127.0.0.1:9999", "urls", "http://127.0.0.1:9999")]
    [InlineData("--http_ports", "8080", "urls", null)]
    [InlineData("--Kestrel:Endpoints:main:Url", "http://127.0.0.1:9998", "urls", null)]
    public async Task Configured_addresses_win_over_the_default(string flag, string value, string key, string? expected)
    {
        await using var app = GatewayHost.Build([flag, value], configFile: null);
        Assert.Equal(expected, app.Configuration[key]);
    }
}
