using System.Net;
using System.Text;
using Gateway.Core.Formats;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Http;

public sealed class ConvertPipelineTests : IDisposable
{
    private readonly GatewayAppFactory _factory = new(
        new()
        {
            ["Gateway:Pipelines:tagged:0:Type"] = "Tag",
            ["Gateway:Pipelines:tagged:0:Field"] = "seen",
            ["Gateway:Pipelines:strict:0:Type"] = "Reject",
            ["Gateway:Pipelines:big:0:Type"] = "Filter",
            ["Gateway:Pipelines:big:0:Expression"] = "qty > `5`",
        },
        services =>
        {
            TestConverters.Register(services);
            services.AddSingleton<DataFormat>(new BrokenFormat());
        });

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Named_pipeline_runs_between_decode_and_encode()
    {
        using var response = await PostAsync("{\"a\":1}\n{\"a\":2}\n", "application/x-ndjson", "?pipeline=tagged");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""[{"a":1,"seen":true},{"a":2,"seen":true}]""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Failing_pipeline_is_422_with_its_errors()
    {
        using var response = await PostAsync("[{\"a\":1}]", "application/json", "?pipeline=strict");
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("strict", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("/a: must be a string", Assert.Single(problem.GetProperty("errors").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task A_pipeline_that_keeps_no_record_says_so_and_why_in_a_notice_header()
    {
        // CSV values are strings: "7" > 5 is false in JMESPath, so the filter drops both records.
        using var response = await PostAsync("id,qty\n1,7\n2,9\n", "text/csv", "?pipeline=big");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[]", await response.Content.ReadAsStringAsync());
        Assert.Equal(
            "pipeline 'big' kept none of the 2 records. When a Filter drops every record, it usually compares a string with a number, which is false for every record: "
            + "CSV and XML values are strings unless InferTypes is on. Compare with to_number(qty) > `5`, or with a string (status == '1').",
            Assert.Single(response.Headers.GetValues("Gateway-Notice")));

        using var typed = await PostAsync("id,qty\n1,7\n2,3\n", "text/csv", "?pipeline=big&inferTypes=true");
        Assert.Equal("[{\"id\":1,\"qty\":7}]", await typed.Content.ReadAsStringAsync());
        Assert.False(typed.Headers.Contains("Gateway-Notice"));
    }

    [Fact]
    public async Task Unknown_pipeline_is_400_listing_known_ones()
    {
        using var response = await PostAsync("[]", "application/json", "?pipeline=nope");
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("tagged", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unexpected_failure_is_500_problem_details_without_internals()
    {
        using var response = await PostAsync("x", "application/x-broken", string.Empty);
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError);
        Assert.DoesNotContain("broken on purpose", problem.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string contentType, string query)
    {
        using var client = _factory.CreateClient();
        using var content = new StringContent(body, Encoding.UTF8, contentType);
        return await client.PostAsync(new Uri("/convert" + query, UriKind.Relative), content);
    }
}
