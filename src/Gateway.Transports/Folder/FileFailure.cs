namespace Gateway.Transports.Folder;

/// <summary>
/// Why a file could not be read, written beside it in the <c>Failed</c> folder as <c>NAME.error.json</c>.
/// </summary>
/// <param name="File">The file's name relative to the input's folder.</param>
/// <param name="Input">The input's id.</param>
/// <param name="Error">What is wrong, as the format reader said it.</param>
/// <param name="Record">The number of the record that failed, from 1; null when the file as a whole is refused (too large, unknown format).</param>
/// <param name="Location">Where in the file, in the format's terms (<c>line 3, column 7</c>), when the reader knows.</param>
/// <param name="RecordsDelivered">Records before the failing one that were already handed to the routes.</param>
/// <param name="FailedAt">When.</param>
internal sealed record FileFailure(string File, string Input, string Error, long? Record, string? Location, long RecordsDelivered, DateTimeOffset FailedAt);
