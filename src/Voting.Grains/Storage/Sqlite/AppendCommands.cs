using Microsoft.Data.Sqlite;

namespace Voting.Grains.Storage.Sqlite;

/// <summary>The statements of an append, prepared once on the writer connection and reused by every transaction.</summary>
internal sealed class AppendCommands : IDisposable
{
    private readonly SqliteCommand _head;
    private readonly SqliteCommand _range;
    private readonly SqliteCommand _slotRevision;
    private readonly SqliteCommand _insertRecord;
    private readonly SqliteCommand _upsertSlot;

    public AppendCommands(SqliteConnection writer)
    {
        _head = Prepare(writer, "SELECT COALESCE(MAX(sequence), 0) FROM ballot_log WHERE election = $election",
            ("$election", SqliteType.Text));
        _range = Prepare(writer, "SELECT sequence, hash, event FROM ballot_log WHERE election = $election AND sequence BETWEEN $first AND $last ORDER BY sequence",
            ("$election", SqliteType.Text), ("$first", SqliteType.Integer), ("$last", SqliteType.Integer));
        _slotRevision = Prepare(writer, "SELECT revision FROM voter_slots WHERE election = $election AND voter_key = $voter",
            ("$election", SqliteType.Text), ("$voter", SqliteType.Text));
        _insertRecord = Prepare(writer, "INSERT INTO ballot_log (election, sequence, hash, event) VALUES ($election, $sequence, $hash, $event)",
            ("$election", SqliteType.Text), ("$sequence", SqliteType.Integer), ("$hash", SqliteType.Text), ("$event", SqliteType.Blob));
        _upsertSlot = Prepare(writer, """
            INSERT INTO voter_slots (election, voter_key, revision, receipts) VALUES ($election, $voter, $revision, $receipts)
            ON CONFLICT (election, voter_key) DO UPDATE SET revision = excluded.revision, receipts = excluded.receipts
            """,
            ("$election", SqliteType.Text), ("$voter", SqliteType.Text), ("$revision", SqliteType.Integer), ("$receipts", SqliteType.Text));
    }

    public void Enlist(SqliteTransaction transaction)
    {
        foreach (var command in All()) command.Transaction = transaction;
    }

    public long Head(string election) => (long)Run(_head, election).ExecuteScalar()!;

    /// <summary>Whether the log already holds exactly these records.</summary>
    public bool Holds(string election, IReadOnlyList<LogRecord> batch)
    {
        using var reader = Run(_range, election, batch[0].Sequence, batch[^1].Sequence).ExecuteReader();
        var i = 0;
        for (; reader.Read(); i++)
        {
            var record = batch[i];
            if (reader.GetInt64(0) != record.Sequence || reader.GetString(1) != record.Hash
                || !reader.GetFieldValue<byte[]>(2).AsSpan().SequenceEqual(record.Event))
                return false;
        }
        return i == batch.Count;
    }

    /// <summary>The stored revision of a voter's slot, 0 when there is none.</summary>
    public long SlotRevision(string election, string voterKey) =>
        Run(_slotRevision, election, voterKey).ExecuteScalar() is long revision ? revision : 0;

    public void Insert(string election, LogRecord record) =>
        Run(_insertRecord, election, record.Sequence, record.Hash, record.Event).ExecuteNonQuery();

    public void Upsert(string election, VoterSlot slot) =>
        Run(_upsertSlot, election, slot.VoterKey, slot.Revision, ReceiptsJson.Write(slot.Receipts)).ExecuteNonQuery();

    public void Dispose()
    {
        foreach (var command in All()) command.Dispose();
    }

    private SqliteCommand[] All() => [_head, _range, _slotRevision, _insertRecord, _upsertSlot];

    private static SqliteCommand Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
        return command;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params (string Name, SqliteType Type)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, type) in parameters) command.Parameters.Add(name, type);
        command.Prepare();
        return command;
    }
}
