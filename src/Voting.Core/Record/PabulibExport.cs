using System.Buffers;
using System.Globalization;
using System.Text;
using Voting.Core.Allocation;
using Voting.Core.Elections;
using Voting.Core.Pabulib;
using Voting.Core.Results;

namespace Voting.Core.Record;

/// <summary>
/// Writes an envelope's counted ballots as a Pabulib file, streaming, byte for byte what <see cref="PbWriter"/>
/// writes for <see cref="PbScoringExport.Create"/> with the same data: vote_type <c>scoring</c>, a project's points
/// the grade it received (0 = worst), its <c>score</c> the sum of its points, <c>selected</c> 1 for the projects the
/// allocation funds, voters in <c>ballots.csv</c> order (receipt = <c>voter_id</c>), the projects of a vote by
/// points, best first, then in definition order.
/// <para>
/// Pabulib's tools count a scoring file by summed points; this one was counted by majority judgment, so the
/// description says how. A greedy rule is written <c>greedy-custom</c>: Pabulib's <c>greedy</c> would mean funding
/// by summed points. The definition has no country nor dates, which Pabulib requires: <c>country</c> is
/// <see cref="Country"/>, <c>date_begin</c> and <c>date_end</c> are <see cref="UnknownYear"/>, and the comment says so.
/// </para>
/// </summary>
internal static class PabulibExport
{
    /// <summary>The country written: the one name Pabulib accepts that is not a single country's.</summary>
    public const string Country = "Worldwide";

    /// <summary>The year written as <c>date_begin</c> and <c>date_end</c>: the record keeps no dates.</summary>
    public const string UnknownYear = "0001";

    /// <summary>The rule Pabulib's tools would apply to a greedy allocation over a ranking they cannot compute.</summary>
    public const string GreedyCustom = "greedy-custom";

    /// <summary>META of an envelope's file, in the order written.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Meta(
        ElectionDefinition definition, EnvelopeDefinition envelope, long votes, AllocationSummary? allocation) =>
        PbScoringExport.Meta(
            Description(definition, envelope, allocation),
            envelope.Projects.Count,
            votes,
            envelope.Budget ?? 0,
            envelope.Projects.Sum(p => p.Cost ?? 0),
            definition.Grades.Count,
            Rule(allocation),
            ExtraMeta(definition, envelope, allocation));

    /// <summary>META <c>rule</c>: the allocation's rule, <see cref="GreedyCustom"/> for a greedy one, <c>unknown</c> without allocation.</summary>
    public static string Rule(AllocationSummary? allocation) => allocation?.Rule switch
    {
        null => "unknown",
        AllocationRules.Greedy or AllocationRules.GreedyNoSkip or AllocationRules.GreedyThreshold => GreedyCustom,
        var rule => rule,
    };

    /// <summary>The META entries besides the standard ones (as <c>extraMeta</c> of <see cref="PbScoringExport.Create"/>).</summary>
    public static IEnumerable<KeyValuePair<string, string>> ExtraMeta(ElectionDefinition definition, EnvelopeDefinition envelope, AllocationSummary? allocation)
    {
        var comment = $"#1: Points are grades, from 0 (worst) to {definition.Grades.Count - 1} (best). "
            + $"#2: The election record keeps no dates nor country: date_begin and date_end {UnknownYear} and country {Country} stand for unknown.";
        if (allocation is not null && Rule(allocation) == GreedyCustom)
            comment += $" #3: {GreedyCustom} is {allocation.Rule} over the majority-judgment ranking.";
        return
        [
            new("country", Country),
            new("unit", OneLine(definition.Title.In("en"))),
            new("subunit", EnvelopeName(envelope)),
            new("instance", definition.Id),
            new("date_begin", UnknownYear),
            new("date_end", UnknownYear),
            new("comment", comment),
        ];
    }

    /// <summary><c>&lt;election title&gt;: &lt;envelope title or id&gt;.</c> then how it was counted.</summary>
    public static string Description(ElectionDefinition definition, EnvelopeDefinition envelope, AllocationSummary? allocation)
    {
        var title = $"{OneLine(definition.Title.In("en"))}: {EnvelopeName(envelope)}.";
        int grades = definition.Grades.Count;
        return allocation?.Rule switch
        {
            null => $"{title} Ranked by majority judgment, not by summed points.",
            AllocationRules.GreedyThreshold => $"{title} Ranked by majority judgment, not by summed points, and funded in that order by {allocation.Rule}, among the projects whose majority grade is {(grades + 1) / 2} or more.",
            AllocationRules.Greedy or AllocationRules.GreedyNoSkip => $"{title} Ranked by majority judgment, not by summed points, and funded in that order by {allocation.Rule}.",
            var rule => $"{title} Funded by {rule} on approvals, not on points: a voter approves the projects they grade {ApprovalGrade(grades)} or more. Where the rule needs an order, it is the majority-judgment ranking.",
        };
    }

    public static string ProjectName(ProjectDefinition project) => OneLine(project.Title.In("en"));

    public static void WriteHead(
        IBufferWriter<byte> output, ElectionDefinition definition, EnvelopeDefinition envelope, long votes, long[] scores, AllocationSummary? allocation)
    {
        Line(output, "META");
        Line(output, "key;value");
        foreach (var (key, value) in Meta(definition, envelope, votes, allocation))
            Row(output, key, value);
        Line(output, "PROJECTS");
        Line(output, allocation is null ? "project_id;cost;score;name" : "project_id;cost;score;name;selected");
        var selected = allocation?.Selected.ToHashSet(StringComparer.Ordinal);
        for (int p = 0; p < envelope.Projects.Count; p++)
        {
            var project = envelope.Projects[p];
            var cost = (project.Cost ?? 0).ToString(CultureInfo.InvariantCulture);
            var score = scores[p].ToString(CultureInfo.InvariantCulture);
            if (selected is null)
                Row(output, project.Id, cost, score, ProjectName(project));
            else
                Row(output, project.Id, cost, score, ProjectName(project), selected.Contains(project.Id) ? "1" : "0");
        }
        Line(output, "VOTES");
        Line(output, "voter_id;vote;points");
    }

    /// <summary><c>receipt;p3,p1;4,0</c>: the graded projects by grade, best first, then in definition order; their grades.</summary>
    public static void WriteVote(IBufferWriter<byte> output, ReadOnlySpan<byte> receipt, byte[][] projectIds, ReadOnlySpan<sbyte> grades)
    {
        // a counting sort: per grade, where its projects start in the vote (best grade first)
        Span<int> start = stackalloc int[DefinitionErrors.MaxGrades + 1];
        int size = receipt.Length + 3;
        for (int p = 0; p < grades.Length; p++)
        {
            if (grades[p] < 0) continue;
            start[grades[p]]++;
            size += projectIds[p].Length + 5;
        }
        int graded = 0;
        for (int g = DefinitionErrors.MaxGrades; g >= 0; g--)
            (start[g], graded) = (graded, graded + start[g]);
        Span<int> order = graded <= 256 ? stackalloc int[graded] : new int[graded];
        for (int p = 0; p < grades.Length; p++)
            if (grades[p] >= 0) order[start[grades[p]]++] = p;

        var span = output.GetSpan(size);
        receipt.CopyTo(span);
        int n = receipt.Length;
        span[n++] = (byte)';';
        for (int i = 0; i < order.Length; i++)
        {
            if (i > 0) span[n++] = (byte)',';
            projectIds[order[i]].CopyTo(span[n..]);
            n += projectIds[order[i]].Length;
        }
        span[n++] = (byte)';';
        for (int i = 0; i < order.Length; i++)
        {
            if (i > 0) span[n++] = (byte)',';
            int grade = grades[order[i]];
            if (grade >= 10) span[n++] = (byte)('0' + grade / 10);
            span[n++] = (byte)('0' + grade % 10);
        }
        span[n++] = (byte)'\n';
        output.Advance(n);
    }

    /// <summary>A field as PbWriter writes it: quoted (quotes doubled) only when <see cref="PbWriter.NeedsQuotes"/> says so.</summary>
    public static string Cell(string cell) =>
        PbWriter.NeedsQuotes(cell) ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;

    private static string EnvelopeName(EnvelopeDefinition envelope) =>
        envelope.Title is { Count: > 0 } title ? OneLine(title.In("en")) : envelope.Id;

    /// <summary>The lowest grade that counts as an approval for the equal-shares rules.</summary>
    private static int ApprovalGrade(int grades) => Enumerable.Range(0, grades).First(g => GradedBallots.Approves(g, grades));

    /// <summary>The text on one line, without whitespace at either end: Pabulib fields are single-line and trimmed.</summary>
    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

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
}
