using Microsoft.Data.Sqlite;

namespace Voting.Grains.Storage.Sqlite;

public sealed partial class SqliteStorage : IStorageProbe
{
    /// <summary>
    /// Opens the file afresh (not from the pool, whose connections keep a moved or deleted file open), takes its write
    /// lock for a moment as a write would (another process holding it, or a read-only file, fails the probe as it
    /// fails casts) and reads one row.
    /// </summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        var fresh = new SqliteConnectionStringBuilder(_file.ReadConnectionString) { Pooling = false };
        await using var connection = new SqliteConnection(fresh.ToString());
        await connection.OpenAsync(cancellationToken);
        using var transaction = connection.BeginTransaction(deferred: false); // BEGIN IMMEDIATE: the write lock, rolled back
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM documents LIMIT 1";
        await command.ExecuteScalarAsync(cancellationToken);
    }
}
