namespace Gateway.Admin;

/// <summary>
/// The answer of a bulk re-drive or delete: how many dead letters matched the filter, how many were re-driven or
/// deleted, how many were kept (with why, for the first few), and how many matched beyond this call's limit.
/// </summary>
public sealed record BulkDeadLetterResult(int Matched, int Done, int Kept, int Remaining, IReadOnlyList<string> Errors);
