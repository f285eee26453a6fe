namespace Voting.Grains.Storage;

/// <summary>
/// A conditional write lost: the stored ETag, log position or voter revision is not the one the writer expected.
/// Nothing was written.
/// </summary>
public sealed class ConcurrencyConflictException(string message) : Exception(message);
