using System.Text;

namespace Voting.Core.Record;

/// <summary>A problem found in one place of one file of a record.</summary>
internal delegate void ProblemHandler(string? field, string message);

/// <summary>
/// Folds the ballot log, event by event, into the counted ballots: checks each event against the definition
/// and the events before it, stores it compactly, and marks the rows of a receipt once a later event replaces it.
/// A receipt's rows are its events (one per envelope its ballot covers); an event that replaces a receipt
/// replaces all of that receipt's rows.
/// </summary>
internal sealed class LogFold
{
    private readonly DefinitionIndex _definition;
    private readonly CanonicalEvent _event = new();
    private sbyte[] _grades;

    public LogFold(DefinitionIndex definition)
    {
        _definition = definition;
        Rows = new RowStore(definition.ProjectsPerEnvelope, indexed: true);
        _grades = new sbyte[Math.Max(1, definition.MaxProjects)];
    }

    /// <summary>Rows in log order, with the replacements between receipts: <see cref="RowStore.Row.Replaced"/>,
    /// <see cref="RowStore.Row.ReplacedBy"/> and <see cref="RowStore.Row.ReplacesFirstRow"/>.</summary>
    public RowStore Rows { get; }

    public long Events { get; private set; }

    /// <summary>Receipts whose ballot counts (not replaced).</summary>
    public long CountedReceipts { get; private set; }

    /// <summary>Receipts issued: one per ballot cast, a revote being a new one, whatever the envelopes it covers.</summary>
    public long IssuedReceipts { get; private set; }

    /// <summary>Rows (envelope ballots) that count.</summary>
    public long CountedRows { get; private set; }

    /// <summary>Events that could not be read (not canonical) or named an unknown envelope, hence not stored.</summary>
    public long Unreadable { get; private set; }

    /// <summary>Folds the next event (given as its canonical bytes) of line <paramref name="line"/>; reports every problem.</summary>
    public void Add(ReadOnlySpan<byte> canonical, long line, ProblemHandler problem)
    {
        long expected = ++Events;
        var ev = _event;
        if (!ev.TryParse(canonical))
        {
            Unreadable++;
            problem(null, "not a canonical ballot event: " + ev.Error);
            return;
        }
        if (ev.Sequence != expected)
            problem("sequence", $"{ev.Sequence}, expected {expected} (sequences run 1, 2, 3... without gaps)");
        var receipt = canonical[ev.Receipt];
        if (!Receipts.IsValid(receipt))
            problem("receipt", $"'{Text(receipt)}' is not a valid receipt (1 to {Receipts.MaxLength} of A-Z a-z 0-9 - _ . ~)");
        ReadOnlySpan<byte> replaces = ev.Replaces is { } r ? canonical[r] : default;
        if (ev.Replaces is not null && !Receipts.IsValid(replaces))
            problem("replaces", $"'{Text(replaces)}' is not a valid receipt");
        int envelope = _definition.EnvelopeOf(canonical[ev.Envelope]);
        if (envelope < 0)
        {
            Unreadable++;
            problem("envelope", $"'{Text(canonical[ev.Envelope])}' is not an envelope of the election");
            return;
        }

        var grades = _grades.AsSpan(0, _definition.ProjectsPerEnvelope[envelope]);
        grades.Fill(RowStore.Ungraded);
        int cursor = 0;
        for (int i = 0; i < ev.Count; i++)
        {
            var project = canonical[ev.Project(i)];
            int p = _definition.ProjectOf(envelope, project, ref cursor);
            if (p < 0)
            {
                problem($"grades.{Text(project)}", $"'{Text(project)}' is not a project of envelope '{_definition.EnvelopeIds[envelope]}'");
                continue;
            }
            int grade = ev.Grade(i);
            if ((uint)grade >= (uint)_definition.Grades)
                problem($"grades.{Text(project)}", $"grade {grade} is outside the scale 0..{_definition.Grades - 1}");
            grades[p] = grade is >= 0 and <= sbyte.MaxValue ? (sbyte)grade : RowStore.Unreadable;
        }
        if (ev.Count == 0)
            problem("grades", "grades no project (a ballot is in an envelope when it grades at least one of its projects)");

        var rows = Rows;
        int hash = RowStore.HashOf(receipt);
        int head = rows.Find(receipt, hash);
        int replacedHead = -1;
        if (ev.Replaces is not null)
        {
            replacedHead = rows.Find(replaces);
            if (replacedHead < 0)
                problem("replaces", $"'{Text(replaces)}' is not the receipt of an earlier event");
            else if (head < 0 && rows[replacedHead].Replaced)
                problem("replaces", $"'{Text(replaces)}' was already replaced (at log line {rows[rows[replacedHead].ReplacedBy].Line})");
        }
        if (head >= 0)
        {
            // another envelope of the same ballot
            ref var first = ref rows[head];
            if (first.Replaced)
                problem("receipt", $"'{Text(receipt)}' was already replaced (at log line {rows[first.ReplacedBy].Line}); a receipt is never reused");
            for (int k = head; k >= 0; k = rows[k].Next)
                if (rows[k].Envelope == envelope)
                {
                    problem("envelope", $"receipt '{Text(receipt)}' already has a ballot in envelope '{_definition.EnvelopeIds[envelope]}' (log line {rows[k].Line})");
                    break;
                }
            if (first.ReplacesFirstRow != replacedHead)
                problem("replaces", $"the events of receipt '{Text(receipt)}' disagree on the receipt they replace (see log line {first.Line})");
        }
        int row = rows.Add(receipt, envelope, grades, line, head, hash);
        bool replaced = head >= 0 && rows[head].Replaced;
        rows[row].Replaced = replaced;
        if (!replaced) CountedRows++;
        if (head < 0)
        {
            // a new ballot; Replaces of a receipt's first row keeps the first row of the receipt it replaces
            IssuedReceipts++;
            CountedReceipts++;
            rows[row].ReplacesFirstRow = replacedHead;
            if (replacedHead >= 0 && !rows[replacedHead].Replaced)
            {
                for (int k = replacedHead; k >= 0; k = rows[k].Next)
                {
                    rows[k].Replaced = true;
                    CountedRows--;
                }
                rows[replacedHead].ReplacedBy = row;
                CountedReceipts--;
            }
        }
    }

    /// <summary>The bytes <see cref="Write"/> writes.</summary>
    public int WrittenSize
    {
        get
        {
            long size = sizeof(long) + sizeof(long) + sizeof(int);
            for (int row = 0; row < Rows.Count; row++)
            {
                ref var r = ref Rows[row];
                size += sizeof(byte) + r.ReceiptLength + sizeof(int) + sizeof(long) + _definition.ProjectsPerEnvelope[r.Envelope]
                    + sizeof(bool) + sizeof(int) + sizeof(int);
            }
            return checked((int)size);
        }
    }

    /// <summary>Writes the counters and every row, for <see cref="Read"/>.</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(Events);
        writer.Write(Unreadable);
        writer.Write(Rows.Count);
        for (int row = 0; row < Rows.Count; row++)
        {
            ref var r = ref Rows[row];
            var receipt = Rows.Receipt(row);
            writer.Write((byte)receipt.Length);
            writer.Write(receipt);
            writer.Write(r.Envelope);
            writer.Write(r.Line);
            writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Rows.Grades(row)));
            writer.Write(r.Replaced);
            writer.Write(r.ReplacesFirstRow);
            writer.Write(r.ReplacedBy);
        }
    }

    /// <summary>A fold as <see cref="Write"/> wrote it; throws <see cref="InvalidDataException"/> when the data does not fit the definition.</summary>
    public static LogFold Read(BinaryReader reader, DefinitionIndex definition)
    {
        var fold = new LogFold(definition);
        fold.Events = reader.ReadInt64();
        fold.Unreadable = reader.ReadInt64();
        int count = reader.ReadInt32();
        if (count < 0 || count > fold.Events) throw new InvalidDataException($"{count} rows for {fold.Events} events");
        var rows = fold.Rows;
        rows.EnsureCapacity(count);
        for (int row = 0; row < count; row++)
        {
            var receipt = reader.ReadBytes(reader.ReadByte());
            int envelope = reader.ReadInt32();
            if (!Receipts.IsValid(receipt) || (uint)envelope >= (uint)definition.EnvelopeIds.Length)
                throw new InvalidDataException($"row {row} is not a ballot of this election");
            long line = reader.ReadInt64();
            var grades = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, sbyte>(reader.ReadBytes(definition.ProjectsPerEnvelope[envelope]).AsSpan());
            foreach (var grade in grades)
                if (grade < RowStore.Ungraded || grade >= definition.Grades) throw new InvalidDataException($"row {row}: grade {grade} is outside the scale");
            int added = rows.Add(receipt, envelope, grades, line);
            ref var r = ref rows[added];
            r.Replaced = reader.ReadBoolean();
            r.ReplacesFirstRow = reader.ReadInt32();
            r.ReplacedBy = reader.ReadInt32();
            if (r.ReplacesFirstRow < -1 || r.ReplacesFirstRow >= row || r.ReplacedBy < -1 || r.ReplacedBy >= count)
                throw new InvalidDataException($"row {row} links to a row that does not exist");
            bool first = rows.Find(receipt) == added;
            if (first) fold.IssuedReceipts++;
            if (!r.Replaced)
            {
                fold.CountedRows++;
                if (first) fold.CountedReceipts++;
            }
        }
        return fold;
    }

    internal static string Text(ReadOnlySpan<byte> bytes)
    {
        var text = Encoding.UTF8.GetString(bytes.Length > 80 ? bytes[..80] : bytes);
        return bytes.Length > 80 ? text + "…" : text;
    }
}
