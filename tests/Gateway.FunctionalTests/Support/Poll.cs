using System.Diagnostics;

namespace Gateway.FunctionalTests.Support;

/// <summary>Waits for a condition on state that other threads change (captured requests, process output).</summary>
public static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Returns once <paramref name="condition"/> holds; throws <see cref="TimeoutException"/> with
    /// <paramref name="describe"/>'s account of the state when it still does not after <paramref name="timeout"/>.
    /// </summary>
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(describe);
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Still waiting after {timeout.TotalSeconds:0.#} s: {describe()}");
            }

            await Task.Delay(Interval);
        }
    }
}
