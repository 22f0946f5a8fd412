using System.Net;
using System.Text;
using System.Text.Json;
using Gateway.FunctionalTests.Support;

namespace Gateway.FunctionalTests.Durability;

/// <summary>
/// A body the gateway refuses (400) is not stored whole anywhere: at most its first 4 KiB go to the dead letters,
/// and the admin API's recent failures show that much and its length.
/// </summary>
public sealed class RefusedBodyTests(ITestOutputHelper output) : IDisposable
{
    private const int BodyBytes = 5 * 1024 * 1024;
    private const int PreviewBytes = 4 * 1024;

    /// <summary>The largest file the dead-letter folder may hold for it: the 4 KiB preview and metadata beside it.</summary>
    private const int MaxDeadLetterFileBytes = PreviewBytes + 4 * 1024;

    private readonly TempDirectory _deadLetters = new("gateway-ft-dead-");

    public void Dispose() => _deadLetters.Dispose();

    [Fact]
    public async Task A_malformed_5_MB_body_is_answered_400_and_only_its_first_4_KiB_and_its_length_are_kept()
    {
        await using var sink = await HttpCaptureServer.StartAsync();
        await using var gateway = await GatewayProcess.StartAsync($$"""
            { "Gateway": {
                "DeadLetters": { "Folder": {{GatewayConfig.Quote(_deadLetters.Path)}} },
                "Inputs": { "in": { "Type": "Http", "Path": "/in" } },
                "Sinks": { "api": { "Type": "Http", "Url": "{{sink.Url("/out")}}" } },
                "Routes": { "r": { "Input": "in", "Sinks": [ "api" ] } } } }
            """, output);
        var body = MalformedJson(BodyBytes);

        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var answer = await gateway.Http.PostAsync("/in", content);
        output.WriteLine($"{(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        var failures = await RecentFailuresAsync(gateway);
        var failure = Assert.Single(failures.EnumerateArray());
        var failureJson = failure.GetRawText();
        output.WriteLine($"recent failure ({failureJson.Length} characters): {(failureJson.Length > 2000 ? failureJson[..2000] + "..." : failureJson)}");
        var deadLetterFiles = new DirectoryInfo(_deadLetters.Path).GetFiles("*", SearchOption.AllDirectories);
        output.WriteLine($"dead-letter folder: {string.Join(", ", deadLetterFiles.Select(f => $"{f.Name} ({f.Length} bytes)"))}");

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.All(deadLetterFiles, f => Assert.True(f.Length <= MaxDeadLetterFileBytes, $"the dead-letter file {f.Name} holds {f.Length} bytes"));
        Assert.True(failureJson.Length < 4 * PreviewBytes, $"the recent failure takes {failureJson.Length} characters: more than a preview");
        var strings = Values(failure).Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList();
        Assert.Contains(body[..PreviewBytes], strings); // the body is ASCII: 4 KiB are 4096 characters
        Assert.Contains(Values(failure), v => v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var length) && length == BodyBytes);
        Assert.Empty(sink.Requests);
    }

    /// <summary>
    /// A JSON array of numbered objects cut off after <paramref name="bytes"/> bytes: valid for its first megabytes, so
    /// only a reader that reaches the end sees that it is malformed.
    /// </summary>
    private static string MalformedJson(int bytes)
    {
        var text = new StringBuilder("[", bytes + 32);
        for (var i = 0; text.Length < bytes; i++)
        {
            text.Append("{\"i\":").Append(i).Append(",\"s\":\"item ").Append(i).Append("\"},");
        }

        text.Length = bytes;
        return text.ToString();
    }

    /// <summary>The admin API's recent failures (<c>GET /admin/api/failures</c>, newest first), once it lists one.</summary>
    private static async Task<JsonElement> RecentFailuresAsync(GatewayProcess gateway)
    {
        var deadline = DateTime.UtcNow + Timeouts.Delivery;
        while (true)
        {
            using var document = JsonDocument.Parse(await gateway.Http.GetStringAsync("/admin/api/failures"));
            if (document.RootElement.GetArrayLength() > 0 || DateTime.UtcNow > deadline)
            {
                return document.RootElement.Clone();
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Every value in <paramref name="element"/>, nested ones included: the test does not depend on the field names.</summary>
    private static IEnumerable<JsonElement> Values(JsonElement element)
    {
        yield return element;
        var children = element.ValueKind switch
        {
            JsonValueKind.Object => element.EnumerateObject().Select(p => p.Value),
            JsonValueKind.Array => element.EnumerateArray(),
            _ => [],
        };
        foreach (var child in children.SelectMany(Values))
        {
            yield return child;
        }
    }
}
