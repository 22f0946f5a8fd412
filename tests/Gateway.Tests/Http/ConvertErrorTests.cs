using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Gateway.Tests.Http;

public sealed class ConvertErrorTests : IClassFixture<GatewayAppFactory>
{
    private readonly GatewayAppFactory _factory;

    public ConvertErrorTests(GatewayAppFactory factory) => _factory = factory;

    [Fact]
    public async Task Malformed_body_is_400_with_position()
    {
        using var response = await PostAsync("[{\"a\":1},\n{\"a\":tru}]", "application/json");
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("line 2", problem.GetProperty("position").GetString(), StringComparison.Ordinal);
        Assert.Contains("line 2", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Json", problem.GetProperty("format").GetString());
        Assert.Empty(_factory.Problems);
    }

    [Theory]
    [InlineData(100)] // body and answer in pooled memory
    [InlineData(20_000)] // body and answer past the 256 KB memory threshold: spilled to temporary files
    public async Task A_late_error_is_a_clean_400_and_a_good_body_is_a_200_with_its_length(int lines)
    {
        var good = new StringBuilder();
        for (var i = 0; i < lines; i++)
        {
            good.Append(CultureInfo.InvariantCulture, $"{{\"i\":{i},\"s\":\"some text\"}}\n");
        }

        using (var response = await PostAsync(good.ToString(), "application/x-ndjson"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var answer = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(answer.Length, response.Content.Headers.ContentLength);
            Assert.Equal(lines, JsonDocument.Parse(answer).RootElement.GetArrayLength());
        }

        using (var response = await PostAsync(good + "{\"i\":\n", "application/x-ndjson"))
        {
            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.Contains($"line {lines + 1}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Bad_ndjson_line_is_400_naming_the_line()
    {
        using var response = await PostAsync("{\"a\":1}\n{\"a\":2}\n{\"a\":\n", "application/x-ndjson");
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("line 3", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Strict_query_turns_an_xml_comment_into_a_400_with_position()
    {
        using var response = await PostAsync("<a>x<!--c-->y</a>", "application/xml", "?strict=true");
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("line 1, column 9", problem.GetProperty("position").GetString());
        Assert.Contains("comment", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?strict=maybe", "strict")]
    [InlineData("?maxDepth=abc", "maxDepth")]
    [InlineData("?maxDepth=0", "maxDepth")]
    [InlineData("?delimiter=", "delimiter")]
    [InlineData("?newline=cr", "newline")]
    [InlineData("?header=maybe", "header")]
    [InlineData("?hasHeader=maybe", "header")]
    [InlineData("?columns=qty=Integer", "columns")]
    [InlineData("?columns=qty", "columns")]
    [InlineData("?root=1bad", "root")]
    [InlineData("?maxColumns=-1", "maxColumns")]
    [InlineData("?pretty=1&pretty=0", "pretty")]
    [InlineData("?delimeter=;", "delimeter")]
    [InlineData("?pipeline=nope", "pipeline")]
    public async Task Bad_query_option_is_400_naming_the_parameter(string query, string parameter)
    {
        using var response = await PostAsync("[]", "application/json", query);
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains($"'{parameter}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(problem.GetProperty("errors").EnumerateArray());
    }

    [Fact]
    public async Task Query_option_names_ignore_case()
    {
        using var response = await PostAsync("[[[1]]]", "application/json", "?MAXDEPTH=2");
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("depth", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string contentType, string query = "")
    {
        using var client = _factory.CreateClient();
        using var content = new StringContent(body, Encoding.UTF8, contentType);
        return await client.PostAsync(new Uri("/convert" + query, UriKind.Relative), content);
    }
}
