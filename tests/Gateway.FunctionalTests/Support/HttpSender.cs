using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Gateway.FunctionalTests.Support;

/// <summary>
/// Posts numbered messages (<see cref="NumberedMessage"/>) to an Http input, one after another, and records each one
/// answered 202 in <see cref="AcknowledgedNumbers"/>. Anything else (another status, a refused or cut connection, a
/// timeout) is retried with the same number until it is answered 202 or the token is cancelled.
/// </summary>
public sealed class HttpSender(string source, string path, Func<GatewayTarget?> target, AcknowledgedNumbers acknowledged)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LongestRetryAfter = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, int> outcomes = new(StringComparer.Ordinal);
    private int retries;
    private long slowestTicks;

    /// <summary>How many posts were not answered 202 and were sent again.</summary>
    public int Retries => Volatile.Read(ref retries);

    /// <summary>The longest time one post took until its answer (or its failure).</summary>
    public TimeSpan Slowest => TimeSpan.FromTicks(Interlocked.Read(ref slowestTicks));

    /// <summary>How often each outcome happened: a status code (<c>202</c>, <c>503</c>, ...) or an exception's type name.</summary>
    public IReadOnlyDictionary<string, int> Outcomes => outcomes;

    /// <summary>Posts every number of <paramref name="numbers"/> until it is answered 202.</summary>
    public async Task SendAsync(IEnumerable<int> numbers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        using var http = new HttpClient { Timeout = Timeouts.Operation };
        foreach (var n in numbers)
        {
            while (true)
            {
                var delay = await TryPostAsync(http, n, cancellationToken);
                if (delay is null)
                {
                    acknowledged.Add(source, n);
                    break;
                }

                Interlocked.Increment(ref retries);
                await Task.Delay(delay.Value, cancellationToken);
            }
        }
    }

    /// <summary>Null when the message was answered 202; otherwise how long to wait before sending it again.</summary>
    private async Task<TimeSpan?> TryPostAsync(HttpClient http, int n, CancellationToken cancellationToken)
    {
        if (target() is not { } gateway)
        {
            return RetryDelay;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            using var content = new StringContent(new NumberedMessage(source, n).Json, Encoding.UTF8, "application/json");
            using var answer = await http.PostAsync(new Uri(gateway.HttpAddress, path), content, cancellationToken);
            Count(((int)answer.StatusCode).ToString());
            if (answer.StatusCode == HttpStatusCode.Accepted)
            {
                return null;
            }

            var retryAfter = answer.Headers.RetryAfter?.Delta;
            return retryAfter is { } wait && wait > RetryDelay ? (wait < LongestRetryAfter ? wait : LongestRetryAfter) : RetryDelay;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Count(ex.GetType().Name);
            return RetryDelay;
        }
        finally
        {
            var took = System.Diagnostics.Stopwatch.GetElapsedTime(started).Ticks;
            for (var slowest = Interlocked.Read(ref slowestTicks); took > slowest; slowest = Interlocked.Read(ref slowestTicks))
            {
                Interlocked.CompareExchange(ref slowestTicks, took, slowest);
            }
        }
    }

    private void Count(string outcome) => outcomes.AddOrUpdate(outcome, 1, (_, count) => count + 1);
}
