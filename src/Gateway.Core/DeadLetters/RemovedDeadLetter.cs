namespace Gateway.Core.DeadLetters;

/// <summary>
/// A dead letter's files as they were before <see cref="DeadLetterFolder.RemoveAsync"/> took them out, byte for byte
/// with their times, so that a re-drive that is refused puts back the same dead letter (its <c>receivedAt</c>,
/// <c>failedAt</c> and error unchanged, and at its place in the list).
/// </summary>
public sealed record RemovedDeadLetter(DeadLetterEntry Entry, byte[] Body, byte[] Meta, DateTime BodyWritten, DateTime MetaWritten);
