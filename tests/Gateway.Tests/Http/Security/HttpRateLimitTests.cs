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
    public async Task Requests_beyond_the_burst_get_429_with_retry_after()
    {
        await WarmUpAsync();

        // At once, so that the bucket (2, refilled by 1 a second) cannot refill between them even on a slow machine.
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PostAsync("/in/slow")));
        try
        {
            var accepted = responses.Count(r => r.StatusCode == HttpStatusCode.Accepted);
            var limited = responses.Where(r => r.StatusCode == (HttpStatusCode)429).ToList();
            Assert.InRange(accepted, 2, 3);
            Assert.Equal(6, accepted + limited.Count);
            var problem = await ProblemAssert.IsProblemAsync(limited[0], (HttpStatusCode)429);
            Assert.Equal("This client sent more than 1 requests per second (bursts of 2) to /in/slow; retry after 1 s.", problem.GetProperty("detail").GetString());
            Assert.Equal(TimeSpan.FromSeconds(1), limited[0].Headers.RetryAfter?.Delta);
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task By_key_each_key_has_its_own_bucket()
    {
        await WarmUpAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostAsync("/in/keyed", "key-one")));
        using var other = await PostAsync("/in/keyed", "key-two");

        Assert.Contains(responses, r => r.StatusCode == (HttpStatusCode)429);
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    /// <summary>Starts the host and compiles the ingest path first, so the timed requests are quick.</summary>
    private async Task WarmUpAsync()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
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
