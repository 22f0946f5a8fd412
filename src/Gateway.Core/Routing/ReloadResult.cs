namespace Gateway.Core.Routing;

/// <summary>
/// What a reload changed, by id: routes and sinks added, changed (rebuilt) and removed; the unchanged ones kept
/// running untouched. <see cref="RestartNeeded"/> lists the changes a reload cannot apply (inputs are listeners),
/// each as one sentence naming the config path.
/// </summary>
public sealed record ReloadResult(
    IReadOnlyList<string> RoutesAdded,
    IReadOnlyList<string> RoutesChanged,
    IReadOnlyList<string> RoutesRemoved,
    IReadOnlyList<string> SinksAdded,
    IReadOnlyList<string> SinksChanged,
    IReadOnlyList<string> SinksRemoved,
    IReadOnlyList<string> RestartNeeded)
{
    /// <summary>True when the reload changed nothing that runs.</summary>
    public bool Unchanged => RoutesAdded.Count + RoutesChanged.Count + RoutesRemoved.Count + SinksAdded.Count + SinksChanged.Count + SinksRemoved.Count == 0;

    /// <summary>One line for the log: <c>routes added a; changed none; removed b; sinks ...</c>.</summary>
    public override string ToString()
        => $"routes added {List(RoutesAdded)}, changed {List(RoutesChanged)}, removed {List(RoutesRemoved)}; "
            + $"sinks added {List(SinksAdded)}, changed {List(SinksChanged)}, removed {List(SinksRemoved)}";

    private static string List(IReadOnlyList<string> ids) => ids.Count == 0 ? "none" : string.Join(", ", ids);
}
