using Gateway.Core.Observation;

namespace Gateway.Tests.Core.Observation;

public sealed class SinkPausesTests
{
    [Fact]
    public async Task A_paused_sink_waits_until_resumed()
    {
        var pauses = new SinkPauses();
        Assert.False(pauses.IsPaused("hooks"));
        Assert.True(pauses.WhenResumed("hooks").IsCompleted);

        Assert.True(pauses.Pause("hooks"));
        Assert.False(pauses.Pause("HOOKS")); // already paused; ids are case-insensitive
        Assert.True(pauses.IsPaused("Hooks"));
        Assert.Equal(["hooks"], pauses.Paused);
        var resumed = pauses.WhenResumed("hooks");
        Assert.False(resumed.IsCompleted);

        Assert.True(pauses.Resume("hooks"));
        await resumed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(pauses.IsPaused("hooks"));
        Assert.False(pauses.Resume("hooks"));
        Assert.Empty(pauses.Paused);
    }
}
