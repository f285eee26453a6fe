using System.Text;

namespace Voting.Core.Pabulib;

/// <summary>
/// Reads Pabulib <c>.pb</c> files: sections META, PROJECTS and VOTES, each a header line then rows separated by
/// ';' (fields may be quoted with '"', a doubled quote standing for one). Reads line by line, so large files
/// are not loaded as a whole. Every problem is a <see cref="PbFormatException"/> naming the line and field.
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
            if (record.Fields.Count < 2 || record.Fields[0].Trim() != "key" || record.Fields[1].Trim() != "value")
                throw new PbFormatException(record.Line, null, "expected the META header 'key;value'");
            record = records.NextNonBlank() ?? throw EndsBefore(records, "the PROJECTS section");
        }
        while (SectionName(record.Fields) is null)
        {
            if (record.Fields.Count < 2)
                throw new PbFormatException(record.Line, null, "a META row needs 'key;value'");
            var key = record.Fields[0].Trim();
            if (key.Length == 0)
                throw new PbFormatException(record.Line, "key", "empty");
            var value = record.Fields.Count == 2 ? record.Fields[1] : string.Join(';', record.Fields.Skip(1));
            if (!metaLines.TryAdd(key, record.Line))
                throw new PbFormatException(record.Line, key, $"appears twice in META (first on line {metaLines[key]})");
            meta.Add(new(key, value.Trim()));
            record = records.NextNonBlank() ?? throw EndsBefore(records, "the PROJECTS section");
        }
        if (SectionName(record.Fields) != "PROJECTS")
            throw new PbFormatException(record.Line, null, $"expected PROJECTS after META, found {SectionName(record.Fields)}");

        var voteType = PbVoteType.Approval;
        var metaByKey = meta.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        if (metaByKey.TryGetValue("vote_type", out var voteTypeText) && !PbVoteTypes.TryParse(voteTypeText, out voteType))
            throw new PbFormatException(metaLines["vote_type"], "vote_type",
                $"'{voteTypeText}' is not a Pabulib vote type ({string.Join(", ", PbVoteTypes.Names)})");
        if (metaByKey.TryGetValue("budget", out var budgetText) && !PbNumbers.TryParseWhole(budgetText, out _))
            throw new PbFormatException(metaLines["budget"], "budget", $"'{budgetText}' is not a whole number");

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
            CheckWidth(record, projectColumns);
            var id = record.Fields[idColumn].Trim();
            if (id.Length == 0)
                throw new PbFormatException(record.Line, "project_id", "empty");
            if (!projectLines.TryAdd(id, record.Line))
                throw new PbFormatException(record.Line, "project_id", $"project '{id}' appears twice (first on line {projectLines[id]})");
            var costText = record.Fields[costColumn];
            if (!PbNumbers.TryParseWhole(costText, out var cost))
                throw new PbFormatException(record.Line, "cost", $"'{costText}' is not a whole number");
            if (cost < 0)
                throw new PbFormatException(record.Line, "cost", $"'{costText}' is negative");
            var fields = new List<KeyValuePair<string, string>>();
            for (int c = 0; c < projectColumns.Count; c++)
                if (c != idColumn && c != costColumn && c != nameColumn)
                    fields.Add(new(projectColumns[c], record.Fields[c]));
            var project = new PbProject(id, cost, nameColumn >= 0 ? record.Fields[nameColumn] : null, fields);
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
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (records.NextNonBlank() is { } row)
        {
            if (SectionName(row.Fields) is { } section)
                throw new PbFormatException(row.Line, null, $"unexpected {section} section after VOTES");
            CheckWidth(row, voteColumns);
            var voterId = row.Fields[voterColumn].Trim();
            if (voterId.Length == 0)
                throw new PbFormatException(row.Line, "voter_id", "empty");
            if (!voterLines.TryAdd(voterId, row.Line))
                throw new PbFormatException(row.Line, "voter_id", $"voter '{voterId}' appears twice (first on line {voterLines[voterId]})");

            var voteText = row.Fields[voteColumn].Trim();
            var chosen = new List<string>();
            seen.Clear();
            if (voteText.Length > 0)
            {
                foreach (var part in voteText.Split(','))
                {
                    var projectId = part.Trim();
                    if (!projectsById.TryGetValue(projectId, out var project))
                        throw new PbFormatException(row.Line, "vote", projectId.Length == 0
                            ? $"'{voteText}' has an empty project id"
                            : $"project '{projectId}' is not in PROJECTS");
                    if (!seen.Add(projectId))
                        throw new PbFormatException(row.Line, "vote", $"project '{projectId}' appears twice");
                    chosen.Add(project.Id);
                }
            }
            if (voteType == PbVoteType.Choose1 && chosen.Count > 1)
                throw new PbFormatException(row.Line, "vote", $"a choose-1 ballot lists {chosen.Count} projects");

            long[]? points = null;
            if (pointsColumn >= 0)
            {
                var pointsText = row.Fields[pointsColumn].Trim();
                var parts = pointsText.Length == 0 ? [] : pointsText.Split(',');
                if (parts.Length != chosen.Count)
                    throw new PbFormatException(row.Line, "points", $"{parts.Length} points for {chosen.Count} projects");
                points = new long[parts.Length];
                for (int p = 0; p < parts.Length; p++)
                    if (!PbNumbers.TryParseWhole(parts[p], out points[p]))
                        throw new PbFormatException(row.Line, "points", $"'{parts[p].Trim()}' is not a whole number");
            }

            List<KeyValuePair<string, string>>? fields = null;
            for (int c = 0; c < voteColumns.Count; c++)
                if (c != voterColumn && c != voteColumn && c != pointsColumn)
                    (fields ??= []).Add(new(voteColumns[c], row.Fields[c]));
            votes.Add(new PbVote(voterId, chosen, points, fields));
        }

        return new PbInstance(meta, projects, votes, projectColumns, voteColumns, metaLines);
    }

    private static List<string> Header((int Line, List<string> Fields) record, string section, params string[] required)
    {
        if (SectionName(record.Fields) is { } other)
            throw new PbFormatException(record.Line, null, $"expected the {section} header, found {other}");
        var columns = record.Fields.Select(f => f.Trim()).ToList();
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

    private static void CheckWidth((int Line, List<string> Fields) record, List<string> columns)
    {
        if (record.Fields.Count != columns.Count)
            throw new PbFormatException(record.Line, null,
                $"{record.Fields.Count} fields, but the header has {columns.Count} ({string.Join(';', columns)})");
    }

    private static string? SectionName(List<string> fields)
    {
        if (fields.Count != 1)
            return null;
        return fields[0].Trim().ToUpperInvariant() switch
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

    /// <summary>Splits lines into ';'-separated fields; a quoted field may hold ';', '"' (doubled) and line breaks.</summary>
    private sealed class RecordReader(TextReader reader)
    {
        private readonly StringBuilder _field = new();
        private int _line;

        public int LastLine => Math.Max(_line, 1);

        /// <summary>The next record that is not a blank line, with the line it starts on.</summary>
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
                return (_line, Split(text));
            }
        }

        private List<string> Split(string text)
        {
            int start = _line;
            var fields = new List<string>();
            _field.Clear();
            bool inQuotes = false, atFieldStart = true;
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
                        }
                        else
                        {
                            _field.Append(ch);
                        }
                    }
                    else if (ch == ';')
                    {
                        fields.Add(_field.ToString());
                        _field.Clear();
                        atFieldStart = true;
                        i++;
                        continue;
                    }
                    else if (ch == '"' && atFieldStart)
                    {
                        inQuotes = true;
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
            fields.Add(_field.ToString());
            return fields;
        }
    }
}
