using Microsoft.Data.Sqlite;

namespace Voting.Grains.Storage.Sqlite;

/// <summary>The statements of an append, prepared once on the writer connection and reused by every transaction.</summary>
internal sealed class AppendCommands : IDisposable
{
    private readonly SqliteCommand _head;
    private readonly SqliteCommand _range;
    private readonly SqliteCommand _insertBatch;
    private readonly SqliteCommand _insertSlots;
    private readonly SqliteCommand _slotRows;

    public AppendCommands(SqliteConnection writer)
    {
        _head = Prepare(writer, "SELECT COALESCE(MAX(last_sequence), 0) FROM log_batches WHERE election = $election",
            ("$election", SqliteType.Text));
        _range = Prepare(writer, "SELECT records FROM log_batches WHERE election = $election AND last_sequence >= $first AND first_sequence <= $last ORDER BY last_sequence",
            ("$election", SqliteType.Text), ("$first", SqliteType.Integer), ("$last", SqliteType.Integer));
        _insertBatch = Prepare(writer, "INSERT INTO log_batches (election, last_sequence, first_sequence, records) VALUES ($election, $last, $first, $records)",
            ("$election", SqliteType.Text), ("$last", SqliteType.Integer), ("$first", SqliteType.Integer), ("$records", SqliteType.Blob));
        _insertSlots = Prepare(writer, "INSERT INTO slot_batches (election, last_sequence, slots) VALUES ($election, $last, $slots)",
            ("$election", SqliteType.Text), ("$last", SqliteType.Integer), ("$slots", SqliteType.Blob));
        _slotRows = Prepare(writer, "SELECT last_sequence, slots FROM slot_batches WHERE election = $election AND last_sequence > $head ORDER BY last_sequence",
            ("$election", SqliteType.Text), ("$head", SqliteType.Integer));
    }

    public void Enlist(SqliteTransaction transaction)
    {
        foreach (var command in All()) command.Transaction = transaction;
    }

    public long Head(string election) => (long)Run(_head, election).ExecuteScalar()!;

    /// <summary>Whether the log already holds exactly these records.</summary>
    public bool Holds(string election, IReadOnlyList<LogRecord> batch)
    {
        long first = batch[0].Sequence, last = batch[^1].Sequence;
        var stored = new List<LogRecord>(batch.Count);
        using (var reader = Run(_range, election, first, last).ExecuteReader())
            while (reader.Read())
                stored.AddRange(LogBatchPayload.Decode(reader.GetFieldValue<byte[]>(0)).Where(r => r.Sequence >= first && r.Sequence <= last));
        return stored.Count == batch.Count && stored.Zip(batch).All(pair =>
            pair.First.Sequence == pair.Second.Sequence && pair.First.Hash == pair.Second.Hash
            && pair.First.Event.AsSpan().SequenceEqual(pair.Second.Event));
    }

    public void InsertBatch(string election, IReadOnlyList<LogRecord> batch) =>
        Run(_insertBatch, election, batch[^1].Sequence, batch[0].Sequence, LogBatchPayload.Encode(batch)).ExecuteNonQuery();

    public void InsertSlots(string election, long lastSequence, byte[] slots) =>
        Run(_insertSlots, election, lastSequence, slots).ExecuteNonQuery();

    /// <summary>The slot journal's rows after log position <paramref name="head"/>, in order.</summary>
    public List<(long LastSequence, byte[] Slots)> SlotRowsAfter(string election, long head)
    {
        var rows = new List<(long, byte[])>();
        using var reader = Run(_slotRows, election, head).ExecuteReader();
        while (reader.Read()) rows.Add((reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)));
        return rows;
    }

    public void Dispose()
    {
        foreach (var command in All()) command.Dispose();
    }

    private SqliteCommand[] All() => [_head, _range, _insertBatch, _insertSlots, _slotRows];

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
