using System.Net;
using System.Text;
using Gateway.Options;
using Gateway.Tests.Support;

namespace Gateway.Tests.Http;

public sealed class BodyLimitTests : IDisposable
{
    private const int Limit = 64;
    private readonly RequestLengthRecorder _lengths = new();
    private readonly GatewayAppFactory _factory;

    public BodyLimitTests()
    {
        _factory = new(new() { ["Gateway:Http:MaxBodyBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) }, _lengths.AddTo);
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public void Default_limit_is_30_MiB()
    {
        Assert.Equal(31457280, new GatewayHttpOptions().MaxBodyBytes);
    }

    [Fact]
    public async Task Body_at_the_limit_converts()
    {
        using var response = await PostAsync(new ByteArrayContent(JsonArrayOf(Limit)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Body_over_the_limit_with_content_length_is_413()
    {
        using var response = await PostAsync(new ByteArrayContent(JsonArrayOf(Limit + 1)));
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(Limit, problem.GetProperty("limit").GetInt64());
        Assert.Contains("MaxBodyBytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chunked_body_over_the_limit_is_413()
    {
        // A stream of unknown length: no Content-Length, the body arrives in chunks.
        using var content = new StreamContent(new UnknownLengthStream(JsonArrayOf(Limit * 50)));
        Assert.Null(content.Headers.ContentLength);
        using var response = await PostAsync(content);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Null(Assert.Single(_lengths.Seen));
    }

    [Fact]
    public async Task Chunked_body_under_the_limit_converts()
    {
        using var content = new StreamContent(new UnknownLengthStream(JsonArrayOf(Limit - 1)));
        using var response = await PostAsync(content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(Assert.Single(_lengths.Seen));
    }

    private static byte[] JsonArrayOf(int length)
    {
        // [1,1,...] padded with spaces to exactly length bytes.
        var text = new StringBuilder("[1");
        while (text.Length + 3 <= length)
        {
            text.Append(",1");
        }

        text.Append(']');
        return Encoding.UTF8.GetBytes(text.ToString().PadRight(length));
    }

    private async Task<HttpResponseMessage> PostAsync(HttpContent content)
    {
        // No redirect handler: it buffers a body of unknown length and sends it with a Content-Length.
        using var client = _factory.CreateClient(new() { AllowAutoRedirect = false });
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using (content)
        {
            return await client.PostAsync(new Uri("/convert", UriKind.Relative), content);
        }
    }
}
