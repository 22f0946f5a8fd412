using Gateway.Http.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Http.Security;

public sealed class ExposedListenerWarningTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", false)]
    [InlineData("http://localhost:5080", false)]
    [InlineData("http://[::1]:5080", false)]
    [InlineData("http://0.0.0.0:5080", true)]
    [InlineData("http://[::]:5080", true)]
    [InlineData("http://+:80", true)]
    [InlineData("http://*:80", true)]
    [InlineData("https://192.168.1.20:5443", true)]
    public void Addresses_beyond_loopback_are_recognized(string address, bool beyond)
    {
        Assert.Equal(beyond, ExposedListenerWarning.IsBeyondLoopback(address));
    }

    [Fact]
    public void Open_endpoints_name_convert_each_input_without_auth_and_the_admin_surface()
    {
        using var factory = new GatewayAppFactory(new()
        {
            ["Gateway:Inputs:open:Type"] = "Http",
            ["Gateway:Inputs:open:Path"] = "/in/open",
            ["Gateway:Inputs:keyed:Type"] = "Http",
            ["Gateway:Inputs:keyed:Path"] = "/in/keyed",
            ["Gateway:Inputs:keyed:Auth:Scheme"] = "ApiKey",
            ["Gateway:Inputs:keyed:Auth:Keys:0"] = "0123456789abcdef",
            ["Gateway:Sinks:out:Type"] = "Console",
            ["Gateway:Routes:open:Input"] = "open",
            ["Gateway:Routes:open:Sinks:0"] = "out",
            ["Gateway:Routes:keyed:Input"] = "keyed",
            ["Gateway:Routes:keyed:Sinks:0"] = "out",
        });
        var warning = factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<ExposedListenerWarning>().Single();
        Assert.Equal(["POST /convert", "input 'open' (/in/open)", "the admin dashboard and API (no Gateway:Admin:ApiKey)"], warning.OpenEndpoints());
    }
}
