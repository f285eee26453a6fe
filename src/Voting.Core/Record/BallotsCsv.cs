using System.Buffers;
using System.Text;

namespace Voting.Core.Record;

/// <summary>
/// <c>ballots.csv</c>: a header <c>receipt,envelope,</c> then every project id of every envelope in definition
/// order; one row per counted (receipt, envelope): the receipt, the envelope id, then per column the grade
/// (0 = worst) the ballot gives that project, empty when it gives none or the project is in another envelope.
/// UTF-8, '\n' after every line, no quoting (receipts and ids never need it), rows sorted by receipt then
/// envelope id (ordinal).
/// </summary>
internal static class BallotsCsv
{
    public static void WriteHeader(IBufferWriter<byte> output, DefinitionIndex definition)
    {
        Write(output, "receipt,envelope"u8);
        foreach (var id in definition.ColumnIds)
        {
            Write(output, ","u8);
            Write(output, Encoding.UTF8.GetBytes(id));
        }
        Write(output, "\n"u8);
    }

    public static void WriteRow(IBufferWriter<byte> output, DefinitionIndex definition, ReadOnlySpan<byte> receipt, int envelope, ReadOnlySpan<sbyte> grades)
    {
        var envelopeId = definition.EnvelopeIds[envelope];
        int size = receipt.Length + envelopeId.Length + 2 + definition.Columns.Length * 4 + 1;
        var span = output.GetSpan(size);
        int n = 0;
        receipt.CopyTo(span);
        n += receipt.Length;
        span[n++] = (byte)',';
        n += Encoding.UTF8.GetBytes(envelopeId, span[n..]);
        foreach (var (e, p) in definition.Columns)
        {
            span[n++] = (byte)',';
            if (e != envelope) continue;
            int grade = grades[p];
            if (grade < 0) continue;
            if (grade >= 100) span[n++] = (byte)('0' + grade / 100);
            if (grade >= 10) span[n++] = (byte)('0' + grade / 10 % 10);
            span[n++] = (byte)('0' + grade % 10);
        }
        span[n++] = (byte)'\n';
        output.Advance(n);
    }

    private static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }
}

/// <summary>A problem in one line of a file: the field (column) at fault, or null for the whole line.</summary>
internal delegate void LineProblemHandler(long line, string? field, string message);

/// <summary>
/// Reads <c>ballots.csv</c> line by line without allocating: the header maps columns to projects by name, each
/// row gives its receipt, envelope and the grades of the envelope's projects. Every problem is reported with
/// its line and column; a row whose receipt and envelope can be read is returned even when a cell is wrong
/// (<see cref="RowStore.Unreadable"/> for a cell that is not a grade).
/// </summary>
internal sealed class BallotsCsvParser
{
    private readonly DefinitionIndex _definition;
    private int[] _columnEnvelope = [];
    private int[] _columnProject = [];
    private string[] _columnNames = [];
    private readonly sbyte[] _grades;

    public BallotsCsvParser(DefinitionIndex definition)
    {
        _definition = definition;
        _grades = new sbyte[Math.Max(1, definition.MaxProjects)];
    }

    /// <summary>Whether the header names every project once, in definition order.</summary>
    public bool HeaderMatches { get; private set; }

    public Range Receipt { get; private set; }

    public int Envelope { get; private set; } = -1;

    /// <summary>The grades of the row's envelope's projects, definition order.</summary>
    public ReadOnlySpan<sbyte> Grades => _grades.AsSpan(0, Envelope < 0 ? 0 : _definition.ProjectsPerEnvelope[Envelope]);

    /// <summary>Whether the last row had no problem at all.</summary>
    public bool RowValid { get; private set; }

    /// <summary>Reads the header line; false when it cannot be used at all.</summary>
    public bool Header(ReadOnlySpan<byte> line, LineProblemHandler problem)
    {
        var names = Encoding.UTF8.GetString(line).Split(',');
        if (names.Length < 2 || names[0] != "receipt" || names[1] != "envelope")
        {
            problem(1, null, "the header must start with 'receipt,envelope'");
            return false;
        }
        var index = new Dictionary<string, (int Envelope, int Project)>(StringComparer.Ordinal);
        for (int c = 0; c < _definition.Columns.Length; c++)
            index[_definition.ColumnIds[c]] = _definition.Columns[c];
        int columns = names.Length - 2;
        _columnEnvelope = new int[columns];
        _columnProject = new int[columns];
        _columnNames = names[2..];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        bool ok = true;
        for (int c = 0; c < columns; c++)
        {
            var name = _columnNames[c];
            if (!index.TryGetValue(name, out var place))
            {
                problem(1, $"column {c + 3}", $"'{name}' is not a project of the election");
                _columnEnvelope[c] = -1;
                ok = false;
                continue;
            }
            if (!seen.Add(name))
            {
                problem(1, $"column {c + 3}", $"project '{name}' has two columns");
                _columnEnvelope[c] = -1;
                ok = false;
                continue;
            }
            (_columnEnvelope[c], _columnProject[c]) = place;
        }
        foreach (var id in _definition.ColumnIds)
            if (!seen.Contains(id))
            {
                problem(1, null, $"no column for project '{id}'");
                ok = false;
            }
        if (ok && !_columnNames.SequenceEqual(_definition.ColumnIds, StringComparer.Ordinal))
        {
            int first = Enumerable.Range(0, columns).First(c => _columnNames[c] != _definition.ColumnIds[c]);
            problem(1, $"column {first + 3}", $"'{_columnNames[first]}' where the definition order has '{_definition.ColumnIds[first]}'");
            ok = false;
        }
        HeaderMatches = ok;
        return true;
    }

    /// <summary>Reads a data row; false when its receipt or envelope cannot be read (nothing to return).</summary>
    public bool Row(ReadOnlySpan<byte> line, long number, LineProblemHandler problem)
    {
        RowValid = true;
        Envelope = -1;
        int comma = line.IndexOf((byte)',');
        if (comma < 0)
        {
            Problem(problem, number, null, line.IsEmpty ? "an empty line" : "expected receipt,envelope,grades...");
            return false;
        }
        var receipt = line[..comma];
        Receipt = new Range(0, comma);
        if (!Receipts.IsValid(receipt))
            Problem(problem, number, "receipt", $"'{LogFold.Text(receipt)}' is not a valid receipt");
        int start = comma + 1;
        int end = line[start..].IndexOf((byte)',');
        end = end < 0 ? line.Length : start + end;
        int envelope = _definition.EnvelopeOf(line[start..end]);
        if (envelope < 0)
        {
            Problem(problem, number, "envelope", $"'{LogFold.Text(line[start..end])}' is not an envelope of the election");
            return false;
        }
        Envelope = envelope;
        var grades = _grades.AsSpan(0, _definition.ProjectsPerEnvelope[envelope]);
        grades.Fill(RowStore.Ungraded);
        int graded = 0;
        int column = 0;
        int columns = _columnEnvelope.Length;
        int i = end;
        while (i < line.Length)
        {
            // line[i] == ','
            int cellStart = ++i;
            int value = 0;
            bool digits = true;
            while (i < line.Length && line[i] != ',')
            {
                uint d = (uint)(line[i] - '0');
                if (d > 9) digits = false;
                else if (value < 1000) value = value * 10 + (int)d;
                i++;
            }
            int length = i - cellStart;
            if (column >= columns)
            {
                column++;
                continue;
            }
            int c = column++;
            if (length == 0) continue;
            int e = _columnEnvelope[c];
            if (e < 0) continue;
            if (e != envelope)
            {
                Problem(problem, number, _columnNames[c], $"a grade for a project of envelope '{_definition.EnvelopeIds[e]}' in a row of envelope '{_definition.EnvelopeIds[envelope]}'");
                continue;
            }
            graded++;
            if (!digits || (length > 1 && line[cellStart] == '0'))
            {
                Problem(problem, number, _columnNames[c], $"'{LogFold.Text(line.Slice(cellStart, length))}' is not a grade (a whole number 0..{_definition.Grades - 1})");
                grades[_columnProject[c]] = RowStore.Unreadable;
                continue;
            }
            if (value >= _definition.Grades)
                Problem(problem, number, _columnNames[c], $"grade {LogFold.Text(line.Slice(cellStart, length))} is outside the scale 0..{_definition.Grades - 1}");
            grades[_columnProject[c]] = value <= sbyte.MaxValue ? (sbyte)value : RowStore.Unreadable;
        }
        if (column != columns)
            Problem(problem, number, null, $"{column} grade cells, the header has {columns}");
        if (graded == 0)
            Problem(problem, number, null, "grades no project (a ballot is in an envelope when it grades at least one of its projects)");
        return true;
    }

    private void Problem(LineProblemHandler problem, long line, string? field, string message)
    {
        RowValid = false;
        problem(line, field, message);
    }
}
