using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Gateway.FunctionalTests.Support;

namespace Gateway.FunctionalTests.Http;

/// <summary><c>POST /convert</c> through the real program, as a client calls it.</summary>
public sealed class ConvertEndpointTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Converts_csv_to_json_and_answers_bad_csv_with_problem_details()
    {
        await using var gateway = await GatewayProcess.StartAsync("""{ "Gateway": {} }""", output);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/convert")
        {
            Content = new StringContent("id,name\n1,\"Smith, Jo\"\n2,Ann\n", Encoding.UTF8, "text/csv"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var converted = await gateway.Http.SendAsync(request);
        using var json = JsonDocument.Parse(await converted.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, converted.StatusCode);
        Assert.Equal(2, json.RootElement.GetArrayLength());
        Assert.Equal("Smith, Jo", json.RootElement[0].GetProperty("name").GetString());

        using var bad = await gateway.Http.PostAsync(
            new Uri("/convert", UriKind.Relative), new StringContent("id,name\n1,\"unterminated\n", Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.False(gateway.HasExited);
    }
}
