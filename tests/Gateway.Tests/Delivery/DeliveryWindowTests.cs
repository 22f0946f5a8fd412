using Gateway.Core.Delivery;
using Gateway.Core.Log;
using Gateway.Core.Messages;

namespace Gateway.Tests.Delivery;

public sealed class DeliveryWindowTests
{
    private readonly List<LogPosition> _advanced = [];

    [Fact]
    public void The_cursor_moves_only_over_the_finished_prefix_whatever_order_batches_finish_in()
    {
        var window = new DeliveryWindow(4, new LogPosition(1, 0), _advanced.Add);
        var (first, second, third) = (Batch(1, 0, 2), Batch(1, 2, 4), Batch(2, 0, 3));
        window.Add(first);
        window.Add(second);
        window.Add(third);

        window.Report(third, third.End, finished: true);
        window.Report(second, second.End, finished: true);
        Assert.Empty(_advanced);
        Assert.Equal(3, window.Count);

        window.Report(first, first.End, finished: true);
        Assert.Equal([new LogPosition(2, 3)], _advanced);
        Assert.Equal(0, window.Count);
    }

    [Fact]
    public void A_batch_that_goes_one_by_one_moves_the_cursor_as_far_as_it_got_and_holds_back_the_finished_ones_behind_it()
    {
        var window = new DeliveryWindow(4, new LogPosition(1, 0), _advanced.Add);
        var (failing, later) = (Batch(1, 0, 3), Batch(1, 3, 5));
        window.Add(failing);
        window.Add(later);

        window.Report(later, later.End, finished: true);
        window.Report(failing, new LogPosition(1, 1), finished: false);
        window.Report(failing, new LogPosition(1, 2), finished: false);
        Assert.Equal([new LogPosition(1, 1), new LogPosition(1, 2)], _advanced);

        window.Report(failing, failing.End, finished: true);
        Assert.Equal(new LogPosition(1, 5), _advanced[^1]);
    }

    [Fact]
    public void The_window_has_room_for_capacity_batches_and_frees_a_slot_only_when_the_head_finishes()
    {
        var window = new DeliveryWindow(2, new LogPosition(1, 0), _advanced.Add);
        var (first, second) = (Batch(1, 0, 1), Batch(1, 1, 2));
        window.Add(first);
        Assert.True(window.HasRoom(out _));
        window.Add(second);
        Assert.False(window.HasRoom(out var freed));

        window.Report(second, second.End, finished: true);
        Assert.False(freed.IsCompleted);
        Assert.False(window.HasRoom(out _));

        window.Report(first, first.End, finished: true);
        Assert.True(freed.IsCompletedSuccessfully);
        Assert.True(window.HasRoom(out _));
    }

    /// <summary>A batch of the entries from <paramref name="index"/> up to <paramref name="end"/> in group <paramref name="group"/>.</summary>
    private static SinkBatch Batch(long group, int index, int end)
    {
        var items = Enumerable.Range(index, end - index)
            .Select(i => (new LogPosition(group, i + 1), new LogEntry(new Message("{}"u8.ToArray(), FormatNames.Json, "in"), null), (Gateway.Core.Routing.OutgoingMessage?)null))
            .ToList();
        return new SinkBatch(new LogPosition(group, index), items);
    }
}
