namespace Voting.Grains.Storage.Sqlite;

/// <summary>
/// The embedded, durable default: the ballot log, the voter slots and the documents in one SQLite file, written and
/// read as <see cref="SqliteFile"/> says. An append is one transaction of two rows: the batch's records packed as a
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

    private readonly SqliteFile _file;
    private readonly AppendCommands _append;
    private readonly Dictionary<string, SlotIndex> _slotIndexes = new(StringComparer.Ordinal);

    /// <summary>Opens (creating it and its folder if missing) the database file at <paramref name="path"/>.</summary>
    public SqliteStorage(string path)
    {
        _file = new SqliteFile(path, Schema);
        _append = new AppendCommands(_file.Writer);
    }

    public async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync();
        _append.Dispose();
    }

}
