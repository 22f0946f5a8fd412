using System.Net;
using System.Text;

namespace Gateway.Tests.Http.Security;

/// <summary>Token buckets per input: by client address, and by key (each key its own bucket).</summary>
public sealed class HttpRateLimitTests : IDisposable
{
    private readonly GatewayAppFactory _factory = new(new()
    {
        ["Gateway:Inputs:slow:Type"] = "Http",
        ["Gateway:Inputs:slow:Path"] = "/in/slow",
        ["Gateway:Inputs:slow:RateLimit:PermitsPerSecond"] = "1",
        ["Gateway:Inputs:slow:RateLimit:Burst"] = "2",
        ["Gateway:Inputs:keyed:Type"] = "Http",
        ["Gateway:Inputs:keyed:Path"] = "/in/keyed",
        ["Gateway:Inputs:keyed:RateLimit:PermitsPerSecond"] = "1",
        ["Gateway:Inputs:keyed:RateLimit:PartitionBy"] = "key",
        ["Gateway:Sinks:nowhere:Type"] = "Console",
        ["Gateway:Routes:slow:Input"] = "slow",
        ["Gateway:Routes:slow:Sinks:0"] = "nowhere",
        ["Gateway:Routes:keyed:Input"] = "keyed",
        ["Gateway:Routes:keyed:Sinks:0"] = "nowhere",
    });

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_burst_passes_and_the_next_request_gets_429_with_retry_after()
    {
        using var first = await PostAsync("/in/slow");
        using var second = await PostAsync("/in/slow");
        using var third = await PostAsync("/in/slow");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var problem = await ProblemAssert.IsProblemAsync(third, (HttpStatusCode)429);
        Assert.Equal("This client sent more than 1 requests per second (bursts of 2) to /in/slow; retry after 1 s.", problem.GetProperty("detail").GetString());
        Assert.Equal(TimeSpan.FromSeconds(1), third.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task By_key_each_key_has_its_own_bucket()
    {
        using var first = await PostAsync("/in/keyed", "key-one");
        using var again = await PostAsync("/in/keyed", "key-one");
        using var other = await PostAsync("/in/keyed", "key-two");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal((HttpStatusCode)429, again.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string? key = null)
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("""{"a":1}""", Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return await client.SendAsync(request);
    }
}
