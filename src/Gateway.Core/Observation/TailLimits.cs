namespace Gateway.Core.Observation;

/// <summary>How much a live tail shows: messages sampled a second per route, bytes of each body, samples a slow watcher may have pending.</summary>
public sealed record TailLimits(int MaxPerSecond = 5, int MaxBodyBytes = 4096, int Pending = 64);
