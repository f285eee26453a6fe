using Microsoft.Data.Sqlite;

namespace Voting.Grains.Storage.Sqlite;

public sealed partial class SqliteStorage : IStorageProbe
{
    /// <summary>Opens the file afresh (not from the pool, whose connections keep a moved or deleted file open) and reads one row.</summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        var fresh = new SqliteConnectionStringBuilder(_file.ReadConnectionString) { Pooling = false };
        await using var connection = new SqliteConnection(fresh.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM documents LIMIT 1";
        await command.ExecuteScalarAsync(cancellationToken);
    }
}
