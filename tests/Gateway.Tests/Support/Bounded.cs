namespace Gateway.Tests.Support;

/// <summary>
/// Runs one case of a property on hostile input with a time limit, so a cost that is not linear in the input (or a
/// hang) fails the case, and the property tool reports it with its seed, instead of stalling the whole run.
/// </summary>
internal static class Bounded
{
    /// <summary>Generous for inputs of a few hundred bytes on a loaded machine; a quadratic blow-up takes far longer.</summary>
    public static readonly TimeSpan PerCase = TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="action"/>; its own exception comes through, a timeout is a <see cref="TimeoutException"/>.</summary>
    public static void Run(Action action) => Task.Run(action).WaitAsync(PerCase).GetAwaiter().GetResult();
}
