namespace Gateway.Admin;

/// <summary>A sink after a pause or resume: paused or not, and how many messages wait for it in its routes' logs.</summary>
public sealed record SinkPauseState(string Sink, bool Paused, long Waiting);
