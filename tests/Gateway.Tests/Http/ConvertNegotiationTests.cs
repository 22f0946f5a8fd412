using System.Net;
using System.Text;

namespace Gateway.Tests.Http;

public sealed class ConvertNegotiationTests : IClassFixture<GatewayAppFactory>
{
    private const string Records = """[{"a":1},{"a":2}]""";
    private readonly GatewayAppFactory _factory;

    public ConvertNegotiationTests(GatewayAppFactory factory) => _factory = factory;

    [Theory]
    [InlineData(null)]
    [InlineData("*/*")]
    [InlineData("application/json")]
    [InlineData("application/*")]
    [InlineData("text/html;q=0.9, */*;q=0.1")]
    public async Task Answers_json_when_accept_is_missing_or_open(string? accept)
    {
        using var response = await PostAsync(Records, "application/json", accept);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Records, await response.Content.ReadAsStringAsync());
        Assert.Equal("2", Assert.Single(response.Headers.GetValues("Gateway-Record-Count")));
    }

    [Fact]
    public async Task Converts_json_to_ndjson_by_accept()
    {
        using var response = await PostAsync(Records, "application/json; charset=utf-8", "application/x-ndjson");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{\"a\":1}\n{\"a\":2}\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Converts_ndjson_body_to_json()
    {
        using var response = await PostAsync("{\"a\":1}\n\n{\"a\":2}\n", "application/x-ndjson", "application/json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Records, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("application/json;q=0.5, application/x-ndjson", "application/x-ndjson")]
    [InlineData("application/x-ndjson;q=0.2, application/json;q=0.8", "application/json")]
    [InlineData("application/json;q=0, */*", "application/x-ndjson")]
    [InlineData("image/png, application/x-ndjson;q=0.1", "application/x-ndjson")]
    [InlineData("application/vnd.example+json", "application/json")]
    public async Task Honours_q_values_and_exclusions(string accept, string expected)
    {
        using var response = await PostAsync(Records, "application/json", accept);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("image/png")]
    [InlineData("text/html, image/*")]
    [InlineData("application/json;q=0")]
    public async Task Unacceptable_accept_is_406_listing_media_types(string accept)
    {
        using var response = await PostAsync(Records, "application/json", accept);
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotAcceptable);
        var accepted = problem.GetProperty("accepted").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("application/json", accepted);
        Assert.Contains("application/x-ndjson", accepted);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/octet-stream")]
    [InlineData("application/json; charset=utf-16")]
    public async Task Unknown_or_missing_content_type_is_415_listing_media_types(string? contentType)
    {
        using var response = await PostAsync(Records, contentType, null);
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        var accepted = problem.GetProperty("accepted").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("application/json", accepted);
        if (contentType?.Contains("charset", StringComparison.Ordinal) != true)
        {
            Assert.Contains("application/json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Pretty_option_indents_json()
    {
        using var response = await PostAsync("""{"a":{"b":1}}""", "application/json", null, "?pretty=true");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\n", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_path_and_wrong_method_are_problem_details()
    {
        using var client = _factory.CreateClient();
        using var missing = await client.GetAsync(new Uri("/nowhere", UriKind.Relative));
        await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.NotFound);
        using var wrongMethod = await client.GetAsync(new Uri("/convert", UriKind.Relative));
        await ProblemAssert.IsProblemAsync(wrongMethod, HttpStatusCode.MethodNotAllowed);
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string? contentType, string? accept, string query = "")
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/convert" + query, UriKind.Relative))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        if (contentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return await client.SendAsync(request);
    }
}
