using Gateway.Transports.Acknowledgements;

namespace Gateway.Tests.Transports.Acknowledgements;

/// <summary>The reconnect wait of the broker inputs: doubled per failure from the configured first delay, at most 30 s.</summary>
public class ReconnectBackoffTests
{
    [Theory]
    [InlineData(1, 1_000)]
    [InlineData(2, 2_000)]
    [InlineData(5, 16_000)]
    [InlineData(6, 30_000)]
    [InlineData(1_000, 30_000)]
    public void The_delay_doubles_per_failure_up_to_30_seconds(int attempt, int expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), ReconnectBackoff.Delay(TimeSpan.FromSeconds(1), attempt));
    }

    [Fact]
    public async Task A_wait_ended_by_stopping_says_so()
    {
        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();
        Assert.False(await ReconnectBackoff.WaitAsync(TimeSpan.FromMinutes(1), stopping.Token));
        Assert.True(await ReconnectBackoff.WaitAsync(TimeSpan.FromMilliseconds(1), CancellationToken.None));
    }
}
