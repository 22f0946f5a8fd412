namespace Gateway.Tests.Transports.Mqtt;

/// <summary>
/// Tests that measure the process's allocations run alone: the GC counters are process-wide, so other tests
/// running at the same time would count against them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasuringTests
{
    public const string Name = "Memory measuring (not parallel)";
}
