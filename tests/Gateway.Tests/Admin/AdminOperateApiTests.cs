using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gateway.Admin;

namespace Gateway.Tests.Admin;

/// <summary>The dashboard's admin endpoints: map, events, tail, reload, pause and resume, bulk dead letters.</summary>
public sealed class AdminOperateApiTests : IAsyncDisposable
{
    private readonly AdminTestGateway _gateway = new(new()
    {
        ["Gateway:Sinks:hook:Type"] = "Http",
        ["Gateway:Sinks:hook:Url"] = "http://127.0.0.1:9/never",
        ["Gateway:Sinks:hook:Headers:Authorization"] = "Bearer very-secret",
        ["Gateway:Routes:orders:Converters:0:Type"] = "Rename",
        ["Gateway:Routes:orders:Converters:0:Map:qty"] = "quantity",
        ["Gateway:Routes:orders:Sinks:0"] = "hook",
    });

    public ValueTask DisposeAsync() => _gateway.DisposeAsync();

    [Theory]
    [InlineData("GET", "/admin/api/map")]
    [InlineData("GET", "/admin/api/events")]
    [InlineData("GET", "/admin/api/routes/orders/tail")]
    [InlineData("GET", "/admin/api/reload")]
    [InlineData("POST", "/admin/api/reload")]
    [InlineData("POST", "/admin/api/sinks/hook/pause")]
    [InlineData("POST", "/admin/api/dead-letters/redrive?all=true")]
    [InlineData("DELETE", "/admin/api/dead-letters?all=true")]
    public async Task Without_the_key_the_new_endpoints_answer_401(string method, string path)
    {
        using var client = _gateway.CreateClient();
        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_map_lists_the_configuration_with_steps_and_secrets_masked()
    {
        using var client = _gateway.Authorized();
        using var map = JsonDocument.Parse(await client.GetStringAsync(new Uri("/admin/api/map", UriKind.Relative)));
        var route = map.RootElement.GetProperty("routes")[0];
        Assert.Equal(("orders", "csv", "Rename", "hook"), (route.GetProperty("id").GetString(), route.GetProperty("input").GetString(),
            route.GetProperty("steps")[0].GetString(), route.GetProperty("sinks")[0].GetString()));
        var sink = map.RootElement.GetProperty("sinks")[0];
        Assert.Equal("***", sink.GetProperty("settings").GetProperty("Headers:Authorization").GetString());
        Assert.Equal("http://127.0.0.1:9/never", sink.GetProperty("settings").GetProperty("Url").GetString());
        Assert.DoesNotContain("very-secret", map.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("Csv", map.RootElement.GetProperty("inputs")[0].GetProperty("format").GetString());
    }

    [Fact]
    public async Task The_event_stream_sends_snapshots_with_counters_and_paused_sinks()
    {
        using var client = _gateway.Authorized();
        using var pause = await client.PostAsync(new Uri("/admin/api/sinks/HOOK/pause", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
        using var events = await client.GetAsync(new Uri("/admin/api/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", events.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await events.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(AdminTestGateway.Timeout);
        Assert.Equal("event: snapshot", await reader.ReadLineAsync(timeout.Token));
        var data = await reader.ReadLineAsync(timeout.Token);
        using var snapshot = JsonDocument.Parse(data!["data: ".Length..]);
        Assert.Equal("hook", snapshot.RootElement.GetProperty("pausedSinks")[0].GetString());
        Assert.Equal(0, snapshot.RootElement.GetProperty("generation").GetInt64());
        Assert.Contains(snapshot.RootElement.GetProperty("overview").GetProperty("queues").EnumerateArray(), q => q.GetProperty("route").GetString() == "orders");
    }

    [Fact]
    public async Task The_tail_streams_the_received_and_converted_message_with_the_admin_key_masked()
    {
        using var client = _gateway.Authorized();
        using var tail = await client.GetAsync(new Uri("/admin/api/routes/orders/tail", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, tail.StatusCode);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/in/csv") { Content = new StringContent("id,qty\n1,5\n", Encoding.UTF8, "text/csv") };
        using var accepted = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        using var reader = new StreamReader(await tail.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(AdminTestGateway.Timeout);
        var stages = new Dictionary<string, JsonElement>();
        while (!stages.ContainsKey("converted"))
        {
            var line = await reader.ReadLineAsync(timeout.Token);
            if (line?.StartsWith("data: ", StringComparison.Ordinal) == true)
            {
                var sample = JsonDocument.Parse(line["data: ".Length..]).RootElement;
                stages[sample.GetProperty("stage").GetString()!] = sample;
            }
        }

        Assert.Equal("id,qty\n1,5\n", stages["received"].GetProperty("body").GetString());
        Assert.Equal("[{\"id\":\"1\",\"quantity\":\"5\"}]", stages["converted"].GetProperty("body").GetString());
        // The input keeps the caller's headers as metadata; the admin key among them is masked.
        Assert.Equal("***", stages["received"].GetProperty("metadata").GetProperty("X-Api-Key").GetString());
        Assert.DoesNotContain(AdminTestGateway.Key, stages["received"].GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_routes_and_sinks_are_404_naming_the_known_ones_and_a_reload_is_reported()
    {
        using var client = _gateway.Authorized();
        using var tail = await client.GetAsync(new Uri("/admin/api/routes/nope/tail", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, tail.StatusCode);
        Assert.Contains("There is no route 'nope'. Known routes: orders.", await tail.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var pause = await client.PostAsync(new Uri("/admin/api/sinks/nope/resume", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.NotFound, pause.StatusCode);
        Assert.Contains("There is no sink 'nope'. Known sinks: hook.", await pause.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var reload = await client.PostAsync(new Uri("/admin/api/reload", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, reload.StatusCode);
        var state = await client.GetFromJsonAsync<JsonElement>(new Uri("/admin/api/reload", UriKind.Relative));
        Assert.True(state.GetProperty("enabled").GetBoolean());
        Assert.Equal(("admin", true), (state.GetProperty("last").GetProperty("trigger").GetString(), state.GetProperty("last").GetProperty("applied").GetBoolean()));
    }

    [Fact]
    public async Task Bulk_actions_need_a_filter_and_take_only_what_matches()
    {
        using var client = _gateway.Authorized();
        using var unfiltered = await client.DeleteAsync(new Uri("/admin/api/dead-letters", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, unfiltered.StatusCode);

        await _gateway.DeadLetterAsync("id,qty\n1,5,9\n");
        await _gateway.DeadLetterAsync("id,qty\n\"2\n");
        await AdminTestGateway.WaitForDeadLettersAsync(client, 2);

        using var none = await client.DeleteAsync(new Uri("/admin/api/dead-letters?route=other", UriKind.Relative));
        Assert.Equal(0, (await Result(none)).Matched);

        // Both still fail conversion: re-driving keeps them and says why.
        using var redriven = await client.PostAsync(new Uri("/admin/api/dead-letters/redrive?route=ORDERS", UriKind.Relative), null);
        var again = await Result(redriven);
        Assert.Equal((2, 0, 2), (again.Matched, again.Done, again.Kept));
        await AdminTestGateway.WaitForDeadLettersAsync(client, 2);

        var letters = await client.GetFromJsonAsync<JsonElement[]>(new Uri("/admin/api/dead-letters", UriKind.Relative)) ?? [];
        var oneError = letters[0].GetProperty("error").GetString()!;
        using var deleted = await client.DeleteAsync(new Uri($"/admin/api/dead-letters?route=orders&error={Uri.EscapeDataString(oneError)}", UriKind.Relative));
        var result = await Result(deleted);
        Assert.Equal((1, 1), (result.Matched, result.Done));
        await AdminTestGateway.WaitForDeadLettersAsync(client, 1);
    }

    private static async Task<BulkDeadLetterResult> Result(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<BulkDeadLetterResult>())!;
    }
}
