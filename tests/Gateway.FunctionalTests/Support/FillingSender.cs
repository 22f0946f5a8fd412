using System.Net;
using System.Text;

namespace Gateway.FunctionalTests.Support;

/// <summary>
/// Fills a gateway's log through an Http input: posts numbered messages padded to a fixed size
/// (<c>{"src":"fill","n":N,"pad":"..."}</c>), one after another, and keeps every answer: the numbers answered 202, how
/// often each status came, and whether each 503 carried <c>Retry-After</c>.
/// </summary>
public sealed class FillingSender(HttpClient http, string path, int bodyBytes)
{
    public const string Source = "fill";

    private readonly Dictionary<int, int> statuses = [];
    private int next;

    /// <summary>The numbers answered 202, in order.</summary>
    public IList<int> Accepted { get; } = [];

    /// <summary>How often each status was answered.</summary>
    public IReadOnlyDictionary<int, int> Statuses => statuses;

    /// <summary>503 answers without a <c>Retry-After</c> header.</summary>
    public int RefusedWithoutRetryAfter { get; private set; }

    /// <summary>The statuses answered so far, as <c>202 x 480, 503 x 21</c>.</summary>
    public string Describe() => string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} x {s.Value}"));

    /// <summary>Posts the next message and returns the status it was answered with.</summary>
    public async Task<HttpStatusCode> PostAsync()
    {
        var n = next++;
        var head = $$"""{"src":"{{Source}}","n":{{n}},"pad":" """.TrimEnd();
        var body = head + new string('x', Math.Max(0, bodyBytes - head.Length - 2)) + "\"}";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var answer = await http.PostAsync(path, content);
        var status = (int)answer.StatusCode;
        statuses[status] = statuses.GetValueOrDefault(status) + 1;
        if (answer.StatusCode == HttpStatusCode.Accepted)
        {
            Accepted.Add(n);
        }
        else if (answer.StatusCode == HttpStatusCode.ServiceUnavailable && answer.Headers.RetryAfter is null)
        {
            RefusedWithoutRetryAfter++;
        }

        return answer.StatusCode;
    }

    /// <summary>
    /// Posts until the gateway answers 503 (true), or until <paramref name="maxMessages"/> were posted or
    /// <paramref name="timeout"/> passed (false). Any other answer than 202 stops it too (false).
    /// </summary>
    public async Task<bool> PostUntilRefusedAsync(int maxMessages, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        for (var i = 0; i < maxMessages && DateTime.UtcNow < deadline; i++)
        {
            var status = await PostAsync();
            if (status == HttpStatusCode.ServiceUnavailable)
            {
                return true;
            }

            if (status != HttpStatusCode.Accepted)
            {
                return false;
            }
        }

        return false;
    }
}
