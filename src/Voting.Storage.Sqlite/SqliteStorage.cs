using Microsoft.Data.Sqlite;

namespace Voting.Grains.Storage.Sqlite;

/// <summary>
/// The embedded, durable default: the ballot log, the voter slots and the documents in one SQLite file.
/// Every write goes through one connection, one at a time (SQLite serializes writers anyway), on the thread pool
/// so that an fsync never blocks a grain scheduler thread; reads use pooled connections of their own, which WAL
/// lets run beside the writer. An append is one transaction of two rows: the batch's records packed as a
/// <see cref="LogBatchPayload"/> in <c>log_batches</c>, and the voter slots it changed in <c>slot_batches</c>, a
/// journal apart from the grades. The current slots are folded from that journal into a <see cref="SlotIndex"/>
/// per election, kept in step with the log head inside each append's transaction.
/// </summary>
/// <remarks>
/// Durability: WAL with <c>synchronous=FULL</c>, so a commit returns only after the WAL is fsynced and an
/// acknowledged ballot survives a process kill and a power loss. NORMAL would only survive process crashes; with
/// group commit (one transaction per batch of ballots) FULL costs one fsync per batch, which the throughput allows.
/// </remarks>
public sealed partial class SqliteStorage : IAsyncDisposable
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS log_batches (
            election TEXT NOT NULL, last_sequence INTEGER NOT NULL, first_sequence INTEGER NOT NULL, records BLOB NOT NULL,
            PRIMARY KEY (election, last_sequence)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS slot_batches (
            election TEXT NOT NULL, last_sequence INTEGER NOT NULL, slots BLOB NOT NULL,
            PRIMARY KEY (election, last_sequence)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS documents (
            collection TEXT NOT NULL, key TEXT NOT NULL, etag TEXT NOT NULL, data BLOB NOT NULL,
            PRIMARY KEY (collection, key));
        """;

    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SqliteConnection _writer;
    private readonly AppendCommands _append;
    private readonly string _readConnectionString;
    private readonly Dictionary<string, SlotIndex> _slotIndexes = new(StringComparer.Ordinal);
    private bool _disposed;

    /// <summary>Opens (creating it and its folder if missing) the database file at <paramref name="path"/>.</summary>
    public SqliteStorage(string path)
    {
        var fullPath = Path.GetFullPath(path);
        PrivateFiles.PrepareDatabase(fullPath);
        var builder = new SqliteConnectionStringBuilder { DataSource = fullPath, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        _writer = new SqliteConnection(builder.ToString());
        _writer.Open();
        Execute(_writer, Schema);
        Execute(_writer, "PRAGMA synchronous = FULL;");
        _append = new AppendCommands(_writer);
        builder.Mode = SqliteOpenMode.ReadWrite;
        builder.Pooling = true;
        _readConnectionString = builder.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync();
        try
        {
            if (_disposed) return;
            _disposed = true;
            _append.Dispose();
            await _writer.DisposeAsync();
            using var reader = new SqliteConnection(_readConnectionString);
            SqliteConnection.ClearPool(reader);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task<T> OnWriterAsync<T>(Func<T> write, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return await Task.Run(write, CancellationToken.None);
        }
        catch (SqliteException e) when (IsUnavailable(e))
        {
            throw new StorageUnavailableException($"The SQLite file cannot be written: {e.Message}", e);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>The file, its folder or the disk refuses (read-only, full, gone, locked): nothing of the transaction was written.</summary>
    private static bool IsUnavailable(SqliteException e) =>
        e.SqliteErrorCode is SqliteReadOnly or SqliteIoError or SqliteFull or SqliteCantOpen or SqliteBusy or SqlitePermission;

    private const int SqlitePermission = 3, SqliteBusy = 5, SqliteReadOnly = 8, SqliteIoError = 10, SqliteFull = 13, SqliteCantOpen = 14;

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_readConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
