using System.Buffers;
using System.Globalization;
using System.Text;
using Voting.Core.Elections;

namespace Voting.Core.Record;

/// <summary>
/// Writes an envelope's counted ballots as a Pabulib file, streaming, byte for byte what
/// <see cref="Pabulib.PbWriter"/> writes for <see cref="Pabulib.PbScoringExport.Create"/> with the same data:
/// vote_type <c>scoring</c>, a project's points the grade it received (0 = worst), its <c>score</c> the sum of its points,
/// voters in <c>ballots.csv</c> order (receipt = <c>voter_id</c>), the projects of a vote in definition order.
/// </summary>
internal static class PabulibExport
{
    /// <summary>META of an envelope's file, in the order written.</summary>
    public static List<KeyValuePair<string, string>> Meta(ElectionDefinition definition, EnvelopeDefinition envelope, long votes)
    {
        string N(long value) => value.ToString(CultureInfo.InvariantCulture);
        var meta = new List<KeyValuePair<string, string>>
        {
            new("description", Description(definition, envelope)),
            new("num_projects", N(envelope.Projects.Count)),
            new("num_votes", N(votes)),
            new("budget", N(envelope.Budget ?? 0)),
            new("vote_type", "scoring"),
        };
        if (envelope.Rule is not null) meta.Add(new("rule", envelope.Rule));
        meta.Add(new("min_points", "0"));
        meta.Add(new("max_points", N(definition.Grades.Count - 1)));
        meta.AddRange(ExtraMeta(definition, envelope));
        return meta;
    }

    /// <summary>The META entries after the standard ones (as <c>extraMeta</c> of <see cref="Pabulib.PbScoringExport.Create"/>).</summary>
    public static IEnumerable<KeyValuePair<string, string>> ExtraMeta(ElectionDefinition definition, EnvelopeDefinition envelope) =>
    [
        new("election", definition.Id),
        new("envelope", envelope.Id),
    ];

    public static string Description(ElectionDefinition definition, EnvelopeDefinition envelope) =>
        envelope.Title is { Count: > 0 } title ? $"{definition.Title.In("en")}: {title.In("en")}" : $"{definition.Title.In("en")}: {envelope.Id}";

    public static string ProjectName(ProjectDefinition project) => project.Title.In("en");

    public static void WriteHead(IBufferWriter<byte> output, ElectionDefinition definition, EnvelopeDefinition envelope, long votes, long[] scores)
    {
        Line(output, "META");
        Line(output, "key;value");
        foreach (var (key, value) in Meta(definition, envelope, votes))
            Row(output, key, value);
        Line(output, "PROJECTS");
        Line(output, "project_id;cost;score;name");
        for (int p = 0; p < envelope.Projects.Count; p++)
        {
            var project = envelope.Projects[p];
            Row(output, project.Id, (project.Cost ?? 0).ToString(CultureInfo.InvariantCulture), scores[p].ToString(CultureInfo.InvariantCulture), ProjectName(project));
        }
        Line(output, "VOTES");
        Line(output, "voter_id;vote;points");
    }

    /// <summary><c>receipt;p1,p3;4,0</c>: the graded projects in definition order, their grades.</summary>
    public static void WriteVote(IBufferWriter<byte> output, ReadOnlySpan<byte> receipt, byte[][] projectIds, ReadOnlySpan<sbyte> grades)
    {
        int size = receipt.Length + 3;
        for (int p = 0; p < grades.Length; p++)
            if (grades[p] >= 0) size += projectIds[p].Length + 5;
        var span = output.GetSpan(size);
        receipt.CopyTo(span);
        int n = receipt.Length;
        span[n++] = (byte)';';
        bool first = true;
        for (int p = 0; p < grades.Length; p++)
        {
            if (grades[p] < 0) continue;
            if (!first) span[n++] = (byte)',';
            first = false;
            projectIds[p].CopyTo(span[n..]);
            n += projectIds[p].Length;
        }
        span[n++] = (byte)';';
        first = true;
        for (int p = 0; p < grades.Length; p++)
        {
            int grade = grades[p];
            if (grade < 0) continue;
            if (!first) span[n++] = (byte)',';
            first = false;
            if (grade >= 10) span[n++] = (byte)('0' + grade / 10);
            span[n++] = (byte)('0' + grade % 10);
        }
        span[n++] = (byte)'\n';
        output.Advance(n);
    }

    private static void Line(IBufferWriter<byte> output, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text + "\n");
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }

    private static void Row(IBufferWriter<byte> output, params string[] cells)
    {
        var text = new StringBuilder();
        for (int c = 0; c < cells.Length; c++)
        {
            if (c > 0) text.Append(';');
            text.Append(Cell(cells[c]));
        }
        Line(output, text.ToString());
    }

    /// <summary>A field as PbWriter writes it: quoted (quotes doubled) only when <see cref="Pabulib.PbWriter.NeedsQuotes"/> says so.</summary>
    public static string Cell(string cell) =>
        Pabulib.PbWriter.NeedsQuotes(cell) ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;
}
