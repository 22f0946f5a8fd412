namespace Gateway.Transports.Acknowledgements;

/// <summary>The wait of a broker input before it connects again: the first delay, doubled per failure, at most 30 seconds.</summary>
internal static class ReconnectBackoff
{
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(30);

    /// <summary>The delay after the <paramref name="attempt"/>-th failure in a row (1 = the first).</summary>
    public static TimeSpan Delay(TimeSpan first, int attempt) =>
        TimeSpan.FromTicks(Math.Min(Longest.Ticks, first.Ticks << Math.Clamp(attempt - 1, 0, 16)));

    /// <summary>Waits <paramref name="delay"/>; false when <paramref name="stopping"/> ended the wait (the input stops).</summary>
    public static async Task<bool> WaitAsync(TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, stopping).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
