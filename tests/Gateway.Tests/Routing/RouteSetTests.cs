using Gateway.Core.Converters;
using Gateway.Core.Engine;
using Gateway.Core.Formats;
using Gateway.Core.Routing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gateway.Tests.Routing;

/// <summary>
/// The generation of routes a reload replaces: who may still enter it (an input queueing a message) and when closing
/// it is complete. A message queued after its routes began to drain would be lost, so this is tested directly, not
/// only by the reload races.
/// </summary>
public sealed class RouteSetTests
{
    [Fact]
    public async Task Closing_waits_for_every_caller_inside_and_lets_nobody_in_after()
    {
        var set = Set();
        Assert.True(set.TryEnter());
        Assert.True(set.TryEnter());

        var closed = set.CloseAsync();
        Assert.False(closed.IsCompleted);
        Assert.False(set.TryEnter());

        set.Exit();
        Assert.False(closed.IsCompleted);
        set.Exit();
        await closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(set.TryEnter());
        Assert.Same(closed, set.CloseAsync());
    }

    [Fact]
    public void A_set_nobody_is_in_is_closed_at_once_and_callers_who_left_before_do_not_count()
    {
        var idle = Set();
        Assert.True(idle.CloseAsync().IsCompletedSuccessfully);

        var left = Set();
        Assert.True(left.TryEnter());
        left.Exit();
        Assert.True(left.CloseAsync().IsCompletedSuccessfully);
    }

    [Fact]
    public void Routes_are_found_by_input_and_id_in_any_case_in_id_order()
    {
        var (b, a, other) = (Route("b", "in"), Route("a", "IN"), Route("c", "other"));
        var set = Set(b, a, other);

        Assert.Equal([a, b], set.RoutesOf("In"));
        Assert.Equal([other], set.RoutesOf("OTHER"));
        Assert.Empty(set.RoutesOf("gone"));
        Assert.Same(b, set.Route("B"));
        Assert.Null(set.Route("d"));
    }

    private static RouteSet Set(params RouteRuntime[] routes) =>
        new(new RouteTable(new Dictionary<string, InputDefinition>(), new Dictionary<string, SinkDefinition>(), new Dictionary<string, RouteDefinition>()),
            routes, new Dictionary<string, IMessageSink>());

    // The set reads only the definition; the route's log and readers are not used.
    private static RouteRuntime Route(string id, string input) => new(
        new RouteDefinition(id, $"Gateway:Routes:{id}", input, ConverterPipeline.Empty(new FormatRegistry([]), new FormatOptions()), ["out"], null),
        null!, [], new EndpointCounters(EndpointKind.Route, id), NullLogger.Instance);
}
