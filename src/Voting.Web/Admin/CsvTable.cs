using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Voting.Web.Admin;

/// <summary>
/// A CSV file read with CsvHelper into its header and rows, each row with its line number; names every problem of
/// shape (bad quoting, unknown, missing or repeated columns, extra fields). Commas or semicolons, as spreadsheets write.
/// </summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(Dictionary<string, int> columns, IReadOnlyList<(int Line, string[] Fields)> rows)
    {
        _columns = columns;
        Rows = rows;
    }

    public IReadOnlyList<(int Line, string[] Fields)> Rows { get; }

    /// <summary>The row's field in <paramref name="column"/>, trimmed; null when the column is absent or the field empty.</summary>
    public string? Field(string[] fields, string column) =>
        _columns.TryGetValue(column, out var index) && index < fields.Length && fields[index].Trim() is { Length: > 0 } value ? value : null;

    /// <summary>Reads the table; header names match <paramref name="known"/> whatever their case.</summary>
    public static CsvTable Read(TextReader text, IReadOnlyList<string> known, IReadOnlyList<string> required, List<CsvProblem> problems)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";"],
            BadDataFound = bad => problems.Add(new CsvProblem(bad.Context.Parser?.RawRow ?? 0, null, CsvProblemKind.Malformed)),
        };
        using var parser = new CsvParser(text, config);
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<(int, string[])>();
        if (!parser.Read() || parser.Record is not { } header)
        {
            problems.Add(new CsvProblem(1, null, CsvProblemKind.Empty));
            return new CsvTable(columns, rows);
        }
        for (int i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim().ToLowerInvariant();
            if (!known.Contains(name))
                problems.Add(new CsvProblem(parser.RawRow, header[i].Trim(), CsvProblemKind.UnknownColumn));
            else if (!columns.TryAdd(name, i))
                problems.Add(new CsvProblem(parser.RawRow, name, CsvProblemKind.DuplicateColumn));
        }
        foreach (var column in required.Where(c => !columns.ContainsKey(c)))
            problems.Add(new CsvProblem(parser.RawRow, column, CsvProblemKind.MissingColumn));
        while (parser.Read())
        {
            var fields = parser.Record ?? [];
            if (fields.Length > header.Length)
                problems.Add(new CsvProblem(parser.RawRow, null, CsvProblemKind.ExtraFields, fields.Length.ToString(CultureInfo.InvariantCulture)));
            rows.Add((parser.RawRow, fields));
        }
        return new CsvTable(columns, rows);
    }
}
