namespace Voting.Grains.Storage;

/// <summary>Small documents with optimistic concurrency: election definitions and status, voter roll, checkpoints.</summary>
public interface IDocumentStore
{
    Task<StoredDocument?> ReadAsync(string collection, string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the document if the stored one still has <paramref name="expectedETag"/> (null: only if none is stored)
    /// and returns the new ETag; throws <see cref="ConcurrencyConflictException"/> otherwise.
    /// </summary>
    Task<string> WriteAsync(string collection, string key, byte[] data, string? expectedETag, CancellationToken cancellationToken = default);

    /// <summary>The keys of a collection that start with <paramref name="prefix"/>, in ordinal order.</summary>
    IAsyncEnumerable<string> ListKeysAsync(string collection, string prefix = "", CancellationToken cancellationToken = default);
}
