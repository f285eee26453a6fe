using System.Runtime.CompilerServices;

namespace Voting.Grains.Storage.Sqlite;

public sealed partial class SqliteStorage : IDocumentStore
{
    public async Task<StoredDocument?> ReadAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await _file.OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT data, etag FROM documents WHERE collection = $collection AND key = $key";
        command.Parameters.AddWithValue("$collection", collection);
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredDocument(reader.GetFieldValue<byte[]>(0), reader.GetString(1))
            : null;
    }

    public Task<string> WriteAsync(string collection, string key, byte[] data, string? expectedETag, CancellationToken cancellationToken = default) =>
        _file.OnWriterAsync(writer =>
        {
            var etag = Guid.NewGuid().ToString("N");
            using var command = writer.CreateCommand();
            command.CommandText = expectedETag is null
                ? "INSERT INTO documents (collection, key, etag, data) VALUES ($collection, $key, $etag, $data) ON CONFLICT DO NOTHING"
                : "UPDATE documents SET etag = $etag, data = $data WHERE collection = $collection AND key = $key AND etag = $expected";
            command.Parameters.AddWithValue("$collection", collection);
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$etag", etag);
            command.Parameters.AddWithValue("$data", data);
            if (expectedETag is not null) command.Parameters.AddWithValue("$expected", expectedETag);
            if (command.ExecuteNonQuery() == 0)
                throw new ConcurrencyConflictException(expectedETag is null
                    ? $"Document '{collection}/{key}' already exists."
                    : $"Document '{collection}/{key}' is no longer at ETag {expectedETag}.");
            return etag;
        }, cancellationToken);

    public async IAsyncEnumerable<string> ListKeysAsync(string collection, string prefix = "", [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await _file.OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // Keys compare as UTF-8 bytes, so the keys with the prefix are a contiguous run starting at it.
        command.CommandText = "SELECT key FROM documents WHERE collection = $collection AND key >= $prefix ORDER BY key";
        command.Parameters.AddWithValue("$collection", collection);
        command.Parameters.AddWithValue("$prefix", prefix);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = reader.GetString(0);
            if (!key.StartsWith(prefix, StringComparison.Ordinal)) yield break;
            yield return key;
        }
    }
}
