using Microsoft.Data.Sqlite;

namespace Voting.Grains.Storage.Sqlite;

/// <summary>
/// A SQLite database file as the stores use it: WAL with <c>synchronous=FULL</c>, so that a completed write survives a
/// power loss; one writer connection, one write at a time, on the thread pool so that an fsync never blocks a grain
/// scheduler thread; pooled reader connections beside it, which WAL lets read while the writer writes.
/// A write that the file, its folder or the disk refuses (read-only, full, gone), or that cannot take the file's write
/// lock within <see cref="WriteLockWaitSeconds"/>, fails with <see cref="StorageUnavailableException"/>: nothing of it was written.
/// </summary>
internal sealed class SqliteFile : IAsyncDisposable
{
    /// <summary>
    /// How long a write waits for the write lock, in seconds (the driver's unit). The stores of one file hold it for one
    /// transaction each, milliseconds; a lock held longer is another process's (a <c>sqlite3</c> session, a copy tool),
    /// and the write is refused rather than left waiting for the driver's default of 30 s while residents wait for
    /// their receipt.
    /// </summary>
    public const int WriteLockWaitSeconds = 1;

    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SqliteConnection _writer;
    private bool _disposed;

    /// <summary>Opens (creating it and its folder if missing) the file at <paramref name="path"/> and runs <paramref name="schema"/> on it.</summary>
    public SqliteFile(string path, string schema)
    {
        var fullPath = Path.GetFullPath(path);
        PrivateFiles.PrepareDatabase(fullPath);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = WriteLockWaitSeconds,
        };
        _writer = new SqliteConnection(builder.ToString());
        _writer.Open();
        Execute(_writer, "PRAGMA journal_mode = WAL;");
        Execute(_writer, schema);
        Execute(_writer, "PRAGMA synchronous = FULL;");
        builder.Mode = SqliteOpenMode.ReadWrite;
        builder.Pooling = true;
        ReadConnectionString = builder.ToString();
    }

    public string ReadConnectionString { get; }

    /// <summary>The writer, for commands prepared once; use it inside <see cref="OnWriterAsync{T}"/> only.</summary>
    public SqliteConnection Writer => _writer;

    /// <summary>Runs <paramref name="write"/> on the writer once the writes before it are done.</summary>
    public async Task<T> OnWriterAsync<T>(Func<SqliteConnection, T> write, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return await Task.Run(() => write(_writer), CancellationToken.None);
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

    public Task OnWriterAsync(Action<SqliteConnection> write, CancellationToken cancellationToken = default) =>
        OnWriterAsync(writer =>
        {
            write(writer);
            return true;
        }, cancellationToken);

    public async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ReadConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>Waits for the write in progress, then closes the writer and the pooled readers.</summary>
    public async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync();
        try
        {
            if (_disposed) return;
            _disposed = true;
            await _writer.DisposeAsync();
            using var reader = new SqliteConnection(ReadConnectionString);
            SqliteConnection.ClearPool(reader);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>The file, its folder or the disk refuses (read-only, full, gone, locked): nothing of the transaction was written.</summary>
    private static bool IsUnavailable(SqliteException e) =>
        e.SqliteErrorCode is SqlitePermission or SqliteBusy or SqliteReadOnly or SqliteIoError or SqliteFull or SqliteCantOpen;

    private const int SqlitePermission = 3, SqliteBusy = 5, SqliteReadOnly = 8, SqliteIoError = 10, SqliteFull = 13, SqliteCantOpen = 14;

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
