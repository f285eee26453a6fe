using System.Text;

namespace Voting.Core.Pabulib;

/// <summary>
/// Reads Pabulib <c>.pb</c> files: sections META, PROJECTS and VOTES, each a header line then rows separated by
/// ';' (fields may be quoted with '"', a doubled quote standing for one). Reads line by line, so large files
/// are not loaded as a whole. Every problem is a <see cref="PbFormatException"/> naming the line and field.
/// <para>
/// What real files do and Pabulib's own tools (pabutools, the pabulib checker) accept is accepted too: a byte
/// order mark, <c>\r\n</c>, blank lines anywhere, whitespace around fields (inside quotes it is kept), section
/// names, the <c>key;value</c> header, META keys and column names in any case (read in lower case), trailing
/// ';' on any line, rows shorter than their header (the missing fields are empty), money with decimals
/// (<c>1500000.50</c>, kept exact), empty items in a list (<c>1,,2,</c>), and a vote listing a project twice
/// (counted once, at its first place; with points only when both give the same points).
/// </para>
/// </summary>
public static class PbReader
{
    public static PbInstance ReadFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(stream);
    }

    /// <summary>Reads UTF-8 (a byte order mark is honoured); the stream is left open.</summary>
    public static PbInstance Read(Stream stream)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, 1 << 16, leaveOpen: true);
        return Read(reader);
    }

    public static PbInstance Parse(string text)
    {
        using var reader = new StringReader(text);
        return Read(reader);
    }

    public static PbInstance Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var records = new RecordReader(reader);
        var meta = new List<KeyValuePair<string, string>>();
        var metaLines = new Dictionary<string, int>(StringComparer.Ordinal);

        // META
        var first = records.NextNonBlank();
        if (first is null)
            throw new PbFormatException(1, null, "the file is empty; a Pabulib file starts with META");
        if (SectionName(first.Value.Fields) != "META")
            throw new PbFormatException(first.Value.Line, null, $"expected META, found '{Shorten(string.Join(';', first.Value.Fields))}'");
        var record = records.NextNonBlank() ?? throw EndsBefore(records, "the META header 'key;value'");
        if (SectionName(record.Fields) is null)
        {
            if (record.Fields.Count < 2 || !IsWord(record.Fields[0], "key") || !IsWord(record.Fields[1], "value"))
                throw new PbFormatException(record.Line, null, "expected the META header 'key;value'");
            record = records.NextNonBlank() ?? throw EndsBefore(records, "the PROJECTS section");
        }
        while (SectionName(record.Fields) is null)
        {
            if (record.Fields.Count < 2)
                throw new PbFormatException(record.Line, null, "a META row needs 'key;value'");
            var key = record.Fields[0].ToLowerInvariant();
            if (key.Length == 0)
                throw new PbFormatException(record.Line, "key", "empty");
            int last = record.Fields.FindLastIndex(f => f.Length > 0);
            var value = last <= 1 ? record.Fields[1] : string.Join(';', record.Fields.Skip(1).Take(last));
            if (!metaLines.TryAdd(key, record.Line))
                throw new PbFormatException(record.Line, key, $"appears twice in META (first on line {metaLines[key]})");
            meta.Add(new(key, value));
            record = records.NextNonBlank() ?? throw EndsBefore(records, "the PROJECTS section");
        }
        if (SectionName(record.Fields) != "PROJECTS")
            throw new PbFormatException(record.Line, null, $"expected PROJECTS after META, found {SectionName(record.Fields)}");

        var voteType = PbVoteType.Approval;
        var metaByKey = meta.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        if (metaByKey.TryGetValue("vote_type", out var voteTypeText) && !PbVoteTypes.TryParse(voteTypeText, out voteType))
            throw new PbFormatException(metaLines["vote_type"], "vote_type",
                $"'{voteTypeText}' is not a Pabulib vote type ({string.Join(", ", PbVoteTypes.Names)})");
        if (metaByKey.TryGetValue("budget", out var budgetText) && !PbNumbers.TryParseDecimal(budgetText, out _))
            throw new PbFormatException(metaLines["budget"], "budget", $"'{budgetText}' is not a number");

        // PROJECTS
        var projectHeader = records.NextNonBlank() ?? throw EndsBefore(records, "the PROJECTS header");
        var projectColumns = Header(projectHeader, "PROJECTS", "project_id", "cost");
        int idColumn = projectColumns.IndexOf("project_id");
        int costColumn = projectColumns.IndexOf("cost");
        int nameColumn = projectColumns.IndexOf("name");
        var projects = new List<PbProject>();
        var projectsById = new Dictionary<string, PbProject>(StringComparer.Ordinal);
        var projectLines = new Dictionary<string, int>(StringComparer.Ordinal);
        record = records.NextNonBlank() ?? throw EndsBefore(records, "the VOTES section");
        while (SectionName(record.Fields) is null)
        {
            var cells = Fit(record, projectColumns);
            var id = cells[idColumn];
            if (id.Length == 0)
                throw new PbFormatException(record.Line, "project_id", "empty");
            if (!projectLines.TryAdd(id, record.Line))
                throw new PbFormatException(record.Line, "project_id", $"project '{id}' appears twice (first on line {projectLines[id]})");
            var costText = cells[costColumn];
            if (!PbNumbers.TryParseDecimal(costText, out var cost))
                throw new PbFormatException(record.Line, "cost", $"'{costText}' is not a number");
            if (cost < 0)
                throw new PbFormatException(record.Line, "cost", $"'{costText}' is negative");
            var fields = new List<KeyValuePair<string, string>>();
            for (int c = 0; c < projectColumns.Count; c++)
                if (c != idColumn && c != costColumn && c != nameColumn)
                    fields.Add(new(projectColumns[c], cells[c]));
            var project = new PbProject(id, cost, nameColumn >= 0 ? cells[nameColumn] : null, fields);
            projects.Add(project);
            projectsById.Add(id, project);
            record = records.NextNonBlank() ?? throw EndsBefore(records, "the VOTES section");
        }
        if (SectionName(record.Fields) != "VOTES")
            throw new PbFormatException(record.Line, null, $"expected VOTES after PROJECTS, found {SectionName(record.Fields)}");

        // VOTES
        var voteHeader = records.NextNonBlank();
        var votes = new List<PbVote>();
        var voteColumns = voteHeader is null ? ["voter_id", "vote"] : Header(voteHeader.Value, "VOTES", "voter_id", "vote");
        int voterColumn = voteColumns.IndexOf("voter_id");
        int voteColumn = voteColumns.IndexOf("vote");
        int pointsColumn = voteColumns.IndexOf("points");
        if (voteHeader is { } vh && voteType.HasPoints() && pointsColumn < 0)
            throw new PbFormatException(vh.Line, "points", $"vote_type '{voteType.Name()}' needs a points column");
        var voterLines = new Dictionary<string, int>(StringComparer.Ordinal);
        var place = new Dictionary<string, int>(StringComparer.Ordinal);
        while (records.NextNonBlank() is { } row)
        {
            if (SectionName(row.Fields) is { } section)
                throw new PbFormatException(row.Line, null, $"unexpected {section} section after VOTES");
            var cells = Fit(row, voteColumns);
            var voterId = cells[voterColumn];
            if (voterId.Length == 0)
                throw new PbFormatException(row.Line, "voter_id", "empty");
            if (!voterLines.TryAdd(voterId, row.Line))
                throw new PbFormatException(row.Line, "voter_id", $"voter '{voterId}' appears twice (first on line {voterLines[voterId]})");

            var listed = Items(cells[voteColumn]);
            for (int i = 0; i < listed.Count; i++)
                listed[i] = projectsById.TryGetValue(listed[i], out var project)
                    ? project.Id
                    : throw new PbFormatException(row.Line, "vote", $"project '{listed[i]}' is not in PROJECTS");
            long[]? listedPoints = null;
            if (pointsColumn >= 0)
            {
                var parts = Items(cells[pointsColumn]);
                if (parts.Count != listed.Count)
                    throw new PbFormatException(row.Line, "points", $"{parts.Count} points for {listed.Count} projects");
                listedPoints = new long[parts.Count];
                for (int p = 0; p < parts.Count; p++)
                    if (!PbNumbers.TryParseWhole(parts[p], out listedPoints[p]))
                        throw new PbFormatException(row.Line, "points", $"'{parts[p]}' is not a whole number");
            }

            // A project listed twice counts once, at its first place.
            var chosen = new List<string>(listed.Count);
            var points = listedPoints is null ? null : new List<long>(listed.Count);
            place.Clear();
            for (int i = 0; i < listed.Count; i++)
            {
                if (place.TryAdd(listed[i], chosen.Count))
                {
                    chosen.Add(listed[i]);
                    points?.Add(listedPoints![i]);
                }
                else if (points is not null && points[place[listed[i]]] != listedPoints![i])
                {
                    throw new PbFormatException(row.Line, "points",
                        $"project '{listed[i]}' appears twice, with {points[place[listed[i]]]} and {listedPoints[i]} points");
                }
            }
            if (voteType == PbVoteType.Choose1 && chosen.Count > 1)
                throw new PbFormatException(row.Line, "vote", $"a choose-1 ballot lists {chosen.Count} projects");

            List<KeyValuePair<string, string>>? fields = null;
            for (int c = 0; c < voteColumns.Count; c++)
                if (c != voterColumn && c != voteColumn && c != pointsColumn)
                    (fields ??= []).Add(new(voteColumns[c], cells[c]));
            votes.Add(new PbVote(voterId, chosen, points, fields));
        }

        return new PbInstance(meta, projects, votes, projectColumns, voteColumns, metaLines);
    }

    /// <summary>The column names, in lower case, without the empty ones a trailing ';' leaves.</summary>
    private static List<string> Header((int Line, List<string> Fields) record, string section, params string[] required)
    {
        if (SectionName(record.Fields) is { } other)
            throw new PbFormatException(record.Line, null, $"expected the {section} header, found {other}");
        var columns = record.Fields.Select(f => f.ToLowerInvariant()).ToList();
        while (columns.Count > 1 && columns[^1].Length == 0)
            columns.RemoveAt(columns.Count - 1);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            if (column.Length == 0)
                throw new PbFormatException(record.Line, null, $"the {section} header has an empty column name");
            if (!seen.Add(column))
                throw new PbFormatException(record.Line, column, $"column appears twice in the {section} header");
        }
        foreach (var column in required)
            if (!seen.Contains(column))
                throw new PbFormatException(record.Line, column, $"the {section} header has no '{column}' column");
        return columns;
    }

    /// <summary>A row's fields, one per column: missing fields at the end are empty; fields beyond the header must be empty.</summary>
    private static List<string> Fit((int Line, List<string> Fields) record, List<string> columns)
    {
        var fields = record.Fields;
        if (fields.Count > columns.Count)
        {
            if (fields.Skip(columns.Count).Any(f => f.Length > 0))
                throw new PbFormatException(record.Line, null,
                    $"{fields.Count} fields, but the header has {columns.Count} ({string.Join(';', columns)})");
            return fields.GetRange(0, columns.Count);
        }
        while (fields.Count < columns.Count)
            fields.Add("");
        return fields;
    }

    /// <summary>The items of a ','-separated list, trimmed, empty ones left out.</summary>
    private static List<string> Items(string list)
    {
        var items = new List<string>();
        foreach (var item in list.Split(','))
        {
            var trimmed = item.Trim();
            if (trimmed.Length > 0)
                items.Add(trimmed);
        }
        return items;
    }

    private static bool IsWord(string field, string word) => string.Equals(field, word, StringComparison.OrdinalIgnoreCase);

    /// <summary>The section a row starts (META, PROJECTS or VOTES in any case, alone on its line but for empty fields), or null.</summary>
    private static string? SectionName(List<string> fields)
    {
        for (int i = 1; i < fields.Count; i++)
            if (fields[i].Length > 0)
                return null;
        return fields[0].ToUpperInvariant() switch
        {
            "META" => "META",
            "PROJECTS" => "PROJECTS",
            "VOTES" => "VOTES",
            _ => null,
        };
    }

    private static PbFormatException EndsBefore(RecordReader records, string what) =>
        new(records.LastLine, null, $"the file ends before {what}");

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";

    /// <summary>
    /// Splits lines into ';'-separated fields; a quoted field may hold ';', '"' (doubled) and line breaks.
    /// Whitespace around a field is not part of it; inside quotes it is.
    /// </summary>
    private sealed class RecordReader(TextReader reader)
    {
        private readonly StringBuilder _field = new();
        private int _line;

        public int LastLine => Math.Max(_line, 1);

        /// <summary>The next record that is not blank (an empty line, or only empty fields), with the line it starts on.</summary>
        public (int Line, List<string> Fields)? NextNonBlank()
        {
            while (true)
            {
                var text = reader.ReadLine();
                if (text is null)
                    return null;
                _line++;
                if (_line == 1 && text.Length > 0 && text[0] == '\uFEFF')
                    text = text[1..];
                if (string.IsNullOrWhiteSpace(text))
                    continue;
                int line = _line;
                var fields = Split(text);
                if (fields.TrueForAll(f => f.Length == 0))
                    continue;
                return (line, fields);
            }
        }

        private List<string> Split(string text)
        {
            int start = _line;
            var fields = new List<string>();
            _field.Clear();
            bool inQuotes = false, quoted = false, atFieldStart = true;
            int quotedLength = 0;
            int i = 0;
            while (true)
            {
                while (i < text.Length)
                {
                    char ch = text[i];
                    if (inQuotes)
                    {
                        if (ch == '"')
                        {
                            if (i + 1 < text.Length && text[i + 1] == '"')
                            {
                                _field.Append('"');
                                i += 2;
                                continue;
                            }
                            inQuotes = false;
                            quotedLength = _field.Length;
                        }
                        else
                        {
                            _field.Append(ch);
                        }
                    }
                    else if (ch == ';')
                    {
                        fields.Add(EndField(quoted, quotedLength));
                        quoted = false;
                        atFieldStart = true;
                        i++;
                        continue;
                    }
                    else if (atFieldStart && char.IsWhiteSpace(ch))
                    {
                        i++;
                        continue;
                    }
                    else if (ch == '"' && atFieldStart)
                    {
                        inQuotes = quoted = true;
                    }
                    else
                    {
                        _field.Append(ch);
                    }
                    atFieldStart = false;
                    i++;
                }
                if (!inQuotes)
                    break;
                var next = reader.ReadLine() ?? throw new PbFormatException(start, null, "a quoted field is not closed before the end of the file");
                _line++;
                _field.Append('\n');
                text = next;
                i = 0;
            }
            fields.Add(EndField(quoted, quotedLength));
            return fields;
        }

        /// <summary>The field read so far, without the whitespace after it (what was inside quotes is kept whole).</summary>
        private string EndField(bool quoted, int quotedLength)
        {
            int end = _field.Length;
            int keep = quoted ? quotedLength : 0;
            while (end > keep && char.IsWhiteSpace(_field[end - 1]))
                end--;
            var field = _field.ToString(0, end);
            _field.Clear();
            return field;
        }
    }
}
