using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Gateway.Tests.Admin;

/// <summary>The admin API and the API key, on an in-memory gateway with an Http input and a dead-letter folder.</summary>
public sealed class AdminApiTests : IAsyncDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "gateway-tests", Guid.NewGuid().ToString("N"));
    private readonly AdminTestGateway _gateway;

    public AdminApiTests()
    {
        _gateway = new AdminTestGateway(new()
        {
            ["Gateway:Sinks:files:Type"] = "File",
            ["Gateway:Sinks:files:Folder"] = _out,
            ["Gateway:Routes:orders:Sinks:0"] = "files",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    [Theory]
    [InlineData("/admin/api/overview")]
    [InlineData("/admin/api/failures")]
    [InlineData("/admin/api/dead-letters")]
    [InlineData("/dashboard/dashboard.js")]
    public async Task Without_the_key_admin_endpoints_answer_401(string path)
    {
        using var client = _gateway.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        using var wrong = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "X-Api-Key", AdminTestGateway.Key + "x" } } };
        using var refused = await client.SendAsync(wrong);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task The_page_asks_for_the_key_and_the_login_cookie_opens_it()
    {
        using var client = _gateway.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var login = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.Contains("action=\"/admin/login\"", login, StringComparison.Ordinal);

        using var bad = await client.PostAsync(new Uri("/admin/login", UriKind.Relative), new FormUrlEncodedContent([new("key", "not-the-key-at-all")]));
        Assert.Equal("/?login=failed", bad.Headers.Location?.OriginalString);

        using var good = await client.PostAsync(new Uri("/admin/login", UriKind.Relative), new FormUrlEncodedContent([new("key", AdminTestGateway.Key)]));
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var cookie = Assert.Single(good.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(AdminTestGateway.Key, cookie, StringComparison.Ordinal);

        var page = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.Contains("data-testid=\"routes\"", page, StringComparison.Ordinal);
        Assert.Contains("action=\"/admin/logout\"", page, StringComparison.Ordinal);
        using var overview = await client.GetAsync(new Uri("/admin/api/overview", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
    }

    [Fact]
    public async Task Overview_counts_what_went_through_and_a_dead_letter_can_be_inspected_redriven_and_deleted()
    {
        using var client = _gateway.Authorized();
        using var good = await client.PostAsync(new Uri("/in/csv?wait=true", UriKind.Relative), new StringContent("id,qty\n1,5\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        using var bad = await client.PostAsync(new Uri("/in/csv", UriKind.Relative), new StringContent("id,qty\n1,5,9\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        await _gateway.DeadLetterAsync("id,qty\n1,5,9\n");

        using var overview = JsonDocument.Parse(await client.GetStringAsync(new Uri("/admin/api/overview", UriKind.Relative)));
        var counters = overview.RootElement.GetProperty("counters").EnumerateArray().ToList();
        Assert.Equal(3, counters.Single(c => c.GetProperty("kind").GetString() == "input").GetProperty("received").GetInt64());
        Assert.Equal(1, counters.Single(c => c.GetProperty("kind").GetString() == "sink").GetProperty("delivered").GetInt64());
        Assert.Contains(overview.RootElement.GetProperty("queues").EnumerateArray(), q => q.GetProperty("route").GetString() == "orders");
        Assert.Contains(overview.RootElement.GetProperty("components").EnumerateArray(), c => c.GetProperty("id").GetString() == "files");

        var name = await WaitForDeadLetterAsync(client);
        using var failures = JsonDocument.Parse(await client.GetStringAsync(new Uri("/admin/api/failures", UriKind.Relative)));
        Assert.Equal("convert", failures.RootElement[0].GetProperty("stage").GetString());

        using var detail = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/admin/api/dead-letters/{name}", UriKind.Relative)));
        Assert.Equal("id,qty\n1,5,9\n", detail.RootElement.GetProperty("body").GetString());
        Assert.Equal("orders", detail.RootElement.GetProperty("entry").GetProperty("route").GetString());
        Assert.False(detail.RootElement.GetProperty("truncated").GetBoolean());

        // The same body fails again: the answer says so and the dead letter is back as it was, its times included.
        var meta = Path.Combine(_gateway.DeadLetters, name + ".meta.json");
        var before = await File.ReadAllBytesAsync(meta);
        var written = File.GetLastWriteTimeUtc(meta);
        using var again = await client.PostAsync(new Uri($"/admin/api/dead-letters/{name}/redrive", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Equal(name, await WaitForDeadLetterAsync(client));
        Assert.Equal(before, await File.ReadAllBytesAsync(meta));
        Assert.Equal(written, File.GetLastWriteTimeUtc(meta));

        using var deleted = await client.DeleteAsync(new Uri($"/admin/api/dead-letters/{name}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await client.GetFromJsonAsync<JsonElement[]>(new Uri("/admin/api/dead-letters", UriKind.Relative)) ?? []);
        using var gone = await client.GetAsync(new Uri($"/admin/api/dead-letters/{name}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_redrive_to_a_route_no_longer_configured_answers_409_and_keeps_the_dead_letter_unchanged()
    {
        using var client = _gateway.Authorized();
        await _gateway.DeadLetterAsync("id,qty\n1,5,9\n");
        var name = await WaitForDeadLetterAsync(client);
        var meta = Path.Combine(_gateway.DeadLetters, name + ".meta.json");
        await File.WriteAllTextAsync(meta, (await File.ReadAllTextAsync(meta)).Replace("\"route\": \"orders\"", "\"route\": \"gone\"", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(meta, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        var before = await File.ReadAllBytesAsync(meta);

        using var refused = await client.PostAsync(new Uri($"/admin/api/dead-letters/{name}/redrive", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(before, await File.ReadAllBytesAsync(meta));
        Assert.Equal(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), File.GetLastWriteTimeUtc(meta));
        Assert.Equal(name, await WaitForDeadLetterAsync(client));
    }

    [Fact]
    public async Task A_fixed_dead_letter_is_redriven_through_its_route_and_delivered()
    {
        using var client = _gateway.Authorized();
        await _gateway.DeadLetterAsync("id,qty\n1,5,9\n");
        var name = await WaitForDeadLetterAsync(client);
        var body = Directory.GetFiles(_gateway.DeadLetters, name + ".csv").Single();
        await File.WriteAllTextAsync(body, "id,qty\n1,5\n"); // an operator fixed the body

        using var redriven = await client.PostAsync(new Uri($"/admin/api/dead-letters/{name}/redrive", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, redriven.StatusCode);
        using var result = JsonDocument.Parse(await redriven.Content.ReadAsStringAsync());
        Assert.Equal(1, result.RootElement.GetProperty("records").GetInt32());
        Assert.Empty(await client.GetFromJsonAsync<JsonElement[]>(new Uri("/admin/api/dead-letters", UriKind.Relative)) ?? []);
        var deadline = DateTime.UtcNow + AdminTestGateway.Timeout;
        while (!(Directory.Exists(_out) && Directory.GetFiles(_out).Length > 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Contains("\"qty\":\"5\"", await File.ReadAllTextAsync(Directory.GetFiles(_out).Single()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("..")]
    [InlineData("nope")]
    public async Task Names_outside_the_folder_are_not_found(string name)
    {
        using var client = _gateway.Authorized();
        using var response = await client.GetAsync(new Uri($"/admin/api/dead-letters/{name}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var redrive = await client.PostAsync(new Uri($"/admin/api/dead-letters/{name}/redrive", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.NotFound, redrive.StatusCode);
    }

    private static async Task<string> WaitForDeadLetterAsync(HttpClient client) =>
        (await AdminTestGateway.WaitForDeadLettersAsync(client, 1))[0].GetProperty("name").GetString()!;
}
