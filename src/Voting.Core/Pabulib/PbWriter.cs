using System.Text;

namespace Voting.Core.Pabulib;

/// <summary>
/// Writes a <see cref="PbInstance"/> as a Pabulib file: META, PROJECTS and VOTES with their headers, ';' between
/// fields, a field quoted (quotes doubled) only when <see cref="NeedsQuotes"/> says so. Reading the output with
/// <see cref="PbReader"/> gives the same instance back.
/// </summary>
public static class PbWriter
{
    public static void WriteFile(PbInstance instance, string path)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        Write(instance, writer);
    }

    /// <summary>Writes UTF-8 without a byte order mark; the stream is left open.</summary>
    public static void Write(PbInstance instance, Stream stream)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        Write(instance, writer);
    }

    public static string ToText(PbInstance instance)
    {
        using var writer = new StringWriter();
        Write(instance, writer);
        return writer.ToString();
    }

    public static void Write(PbInstance instance, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(writer);
        writer.NewLine = "\n";
        writer.WriteLine("META");
        writer.WriteLine("key;value");
        foreach (var (key, value) in instance.Meta)
            Row(writer, [key, value]);

        writer.WriteLine("PROJECTS");
        Row(writer, instance.ProjectColumns);
        var cells = new string[instance.ProjectColumns.Count];
        foreach (var project in instance.Projects)
        {
            for (int c = 0; c < cells.Length; c++)
                cells[c] = instance.ProjectColumns[c] switch
                {
                    "project_id" => project.Id,
                    "cost" => PbNumbers.Format(project.Cost),
                    "name" => project.Name ?? "",
                    var column => project.Field(column) ?? "",
                };
            Row(writer, cells);
        }

        writer.WriteLine("VOTES");
        Row(writer, instance.VoteColumns);
        cells = new string[instance.VoteColumns.Count];
        foreach (var vote in instance.Votes)
        {
            for (int c = 0; c < cells.Length; c++)
                cells[c] = instance.VoteColumns[c] switch
                {
                    "voter_id" => vote.VoterId,
                    "vote" => string.Join(',', vote.Projects),
                    "points" => vote.Points is null ? "" : string.Join(',', vote.Points.Select(PbNumbers.Format)),
                    var column => vote.Fields.TryGetValue(column, out var value) ? value : "",
                };
            Row(writer, cells);
        }
        writer.Flush();
    }

    private static void Row(TextWriter writer, IReadOnlyList<string> cells)
    {
        for (int c = 0; c < cells.Count; c++)
        {
            if (c > 0)
                writer.Write(';');
            var cell = cells[c];
            if (NeedsQuotes(cell))
            {
                writer.Write('"');
                writer.Write(cell.Replace("\"", "\"\""));
                writer.Write('"');
            }
            else
            {
                writer.Write(cell);
            }
        }
        writer.WriteLine();
    }

    /// <summary>
    /// Whether a field is written in quotes: when it holds ';', '"' or a line break, or starts or ends with
    /// whitespace (which a reader drops around a field that is not quoted).
    /// </summary>
    public static bool NeedsQuotes(string cell) =>
        cell.AsSpan().IndexOfAny(";\"\n\r") >= 0 || (cell.Length > 0 && (char.IsWhiteSpace(cell[0]) || char.IsWhiteSpace(cell[^1])));
}
