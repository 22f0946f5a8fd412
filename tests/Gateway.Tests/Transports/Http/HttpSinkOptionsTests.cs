namespace Gateway.Tests.Transports.Http;

public sealed class HttpSinkOptionsTests : IDisposable
{
    private readonly SinkTestHost _host = new();

    [Theory]
    [InlineData("http://127.0.0.1:9000/orders")]
    [InlineData("https://erp.example.com/api/orders/{field:/id}?from={input}&topic={topic[1]}")]
    [InlineData("http://localhost/{{literal}}/{id}")]
    public void Accepts_absolute_urls_with_placeholders_in_path_and_query(string url)
        => Assert.Empty(_host.Errors("Http", $$"""{ "Url": "{{url}}" }"""));

    [Theory]
    [InlineData("http://{field:/host}/orders", "placeholders may fill only the path and query")]
    [InlineData("http://erp.example.com:{meta:port}/orders", "placeholders may fill only the path and query")]
    [InlineData("http://erp-{input}.example.com/orders", "placeholders may fill only the path and query")]
    [InlineData("{meta:scheme}://erp.example.com/orders", "placeholders may fill only the path and query")]
    [InlineData("/orders", "is not an absolute http:// or https:// URL")]
    [InlineData("ftp://erp.example.com/orders", "is not an absolute http:// or https:// URL")]
    [InlineData("http://user:secret@erp.example.com/orders", "set Headers:Authorization instead")]
    [InlineData("http://erp.example.com/orders#top", "fragment")]
    [InlineData("http://erp.example.com/api/../orders", "has the path segment '..', which walks the path")]
    [InlineData("http://erp.example.com/api/%2e/{id}", "has the path segment '%2e', which walks the path")]
    [InlineData("http://erp.example.com/orders/{nope}", "unknown placeholder '{nope}'")]
    [InlineData("", "Url is required")]
    public void Rejects_bad_urls_naming_the_option(string url, string expected)
    {
        var error = Assert.Single(_host.Errors("Http", $$"""{ "Url": "{{url}}" }"""));

        Assert.StartsWith($"{SinkTestHost.SinkPath}:Url: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_url_is_reported()
        => Assert.Contains($"{SinkTestHost.SinkPath}:Url: Url is required", Assert.Single(_host.Errors("Http", "{}")), StringComparison.Ordinal);

    [Theory]
    [InlineData("Bad Name", "x", "is not a valid header name")]
    [InlineData("Content-Length", "12", "is set by the sink")]
    [InlineData("X-Gateway-Message-Id", "1", "is set by the sink")]
    [InlineData("X-Trace", "{nope}", "is not a valid template")]
    [InlineData("Content-Type", "{header:content-type}", "must be a media type written out")]
    public void Rejects_bad_headers_naming_the_header(string name, string value, string expected)
    {
        var error = Assert.Single(_host.Errors("Http", $$"""{ "Url": "http://127.0.0.1/", "Headers": { "{{name}}": "{{value}}" } }"""));

        Assert.StartsWith($"{SinkTestHost.SinkPath}:Headers:{name}: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:00", "Timeout must be more than 00:00:00")]
    [InlineData("02:00:00", "at most 01:00:00")]
    public void Rejects_timeouts_out_of_range(string timeout, string expected)
    {
        var error = Assert.Single(_host.Errors("Http", $$"""{ "Url": "http://127.0.0.1/", "Timeout": "{{timeout}}" }"""));

        Assert.StartsWith($"{SinkTestHost.SinkPath}:Timeout: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_an_unknown_method_and_unknown_keys()
    {
        var errors = _host.Errors("Http", """{ "Url": "http://127.0.0.1/", "Method": "Patch", "Verb": "Post" }""");

        Assert.Contains(errors, e => e.Contains("unknown option 'Verb'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Patch", StringComparison.Ordinal));
    }

    public void Dispose() => _host.Dispose();
}
