using Gateway.Core.Log;

namespace Gateway.Tests.Log;

/// <summary>The budget refuses past MaxBytes and past the disk's room, and says which.</summary>
public sealed class LogBudgetTests
{
    [Fact]
    public void Reservations_count_against_the_disks_room_at_once_until_the_next_check()
    {
        var budget = new LogBudget(maxBytes: 1_000_000);
        budget.SetDiskRoom(100, null);

        Assert.True(budget.TryReserve(60, out _));
        Assert.False(budget.TryReserve(60, out var refusal));
        Assert.Equal("The disk of the buffer has too little room left (Gateway:Buffer:MinFreeBytes); retry when the sinks caught up or space was freed.", refusal);
        Assert.True(budget.TryReserve(40, out _));

        budget.SetDiskRoom(60, null); // the room counts from what is reserved at the check
        Assert.True(budget.TryReserve(60, out _));
        Assert.False(budget.TryReserve(1, out _));

        budget.SetDiskRoom(null, null); // cannot tell: only MaxBytes limits
        Assert.True(budget.TryReserve(500_000, out _));
    }

    [Fact]
    public void A_disk_refusal_is_given_as_is_and_cleared_by_the_next_check()
    {
        var budget = new LogBudget(maxBytes: 10_000);
        budget.SetDiskRoom(0, "the disk is low");

        Assert.False(budget.TryReserve(1, out var refusal));
        Assert.Equal("the disk is low", refusal);
        Assert.Equal("the disk is low", budget.Unavailable);

        budget.SetDiskRoom(500, null);
        Assert.Null(budget.Unavailable);
        Assert.True(budget.TryReserve(500, out _));
        Assert.False(budget.TryReserve(1, out refusal));
        Assert.StartsWith("The disk of the buffer has too little room left", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_waiting_reservation_goes_on_once_a_check_finds_room()
    {
        var budget = new LogBudget(maxBytes: 1_000);
        budget.SetDiskRoom(0, "the disk is low");
        var waiting = budget.ReserveAsync(100, CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);

        budget.SetDiskRoom(100, null);
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(100, budget.Used);
    }
}
