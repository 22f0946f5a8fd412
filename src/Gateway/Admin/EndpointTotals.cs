namespace Gateway.Admin;

/// <summary>One input's, route's or sink's totals (see <c>EndpointCounters</c>); <paramref name="Kind"/> is <c>input</c>, <c>route</c> or <c>sink</c>.</summary>
public sealed record EndpointTotals(string Kind, string Id, long Received, long Converted, long Delivered, long Retried, long Failed, long DeadLettered, long Bytes);
