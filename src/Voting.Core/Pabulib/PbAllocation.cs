using Voting.Core.Allocation;

namespace Voting.Core.Pabulib;

/// <summary>
/// Budget allocation of a Pabulib instance, with the rule its META names or another one.
/// <para>
/// A project's score is its number of votes for approval and choose-1 ballots, the sum of its points for
/// cumulative and scoring ballots, and for ordinal ballots the file's own <c>score</c> column when every project
/// has one, else a positional score (a project ranked k-th, from 0, on a ballot gets L - k points, L being META
/// <c>max_length</c> or else the longest ballot). The ranking is by score, highest first, then cost, lowest
/// first, then project id. META <c>min_project_score_threshold</c> keeps projects scoring below it out, whatever
/// the rule. Equal Shares weights: 1 per approval, the points for cumulative and scoring, the positional points
/// for ordinal ballots.
/// </para>
/// <para>
/// Money is counted exactly: when the budget or a cost has decimals (<c>1500000.50</c>), every amount is counted
/// in the smallest unit they need (0.01 there), and a note of the result says so.
/// </para>
/// </summary>
public static class PbAllocation
{
    /// <param name="instance">The instance.</param>
    /// <param name="rule">A rule of <see cref="AllocationRules.Names"/>; null for the file's META <c>rule</c>.</param>
    /// <exception cref="ArgumentException">The rule given is unknown.</exception>
    /// <exception cref="PbFormatException">A META value the allocation needs (rule, budget, threshold) is missing or malformed.</exception>
    public static AllocationResult Allocate(PbInstance instance, string? rule = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (rule is null)
        {
            rule = instance.Rule
                ?? throw new PbFormatException(null, "rule", "the META section names no rule; choose one of " + string.Join(", ", AllocationRules.Names));
            if (!AllocationRules.IsKnown(rule))
                throw new PbFormatException(instance.MetaLine("rule"), "rule", AllocationRules.Unknown(rule));
        }
        else if (!AllocationRules.IsKnown(rule))
            throw new ArgumentException(AllocationRules.Unknown(rule), nameof(rule));
        var budget = instance.Budget ?? throw new PbFormatException(null, "budget", "the META section has no budget");
        var threshold = Threshold(instance);
        if (rule == AllocationRules.GreedyThreshold && threshold is null)
            throw new PbFormatException(null, "min_project_score_threshold", $"rule {rule} needs a min_project_score_threshold in META");
        long unitsPerWhole = UnitsPerWhole(instance);
        var ranking = Ranking(instance);
        var ballots = AllocationRules.NeedsBallots(rule) ? Ballots(instance) : null;
        var result = Allocator.Allocate(rule, ranking, InUnits(budget, unitsPerWhole, instance.MetaLine("budget"), "budget"), ballots, threshold);
        if (unitsPerWhole == 1)
            return result;
        var unit = (1m / unitsPerWhole).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return result with { Notes = [.. result.Notes, $"the budget or costs have decimals: every amount is counted in units of {unit}"] };
    }

    /// <summary>
    /// How many of the units the allocation counts in make one unit of the file's money: 1 when the budget and
    /// every cost are whole, 100 when some have cents, 10^k for k decimals.
    /// </summary>
    public static long UnitsPerWhole(PbInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        int decimals = PbNumbers.Decimals(instance.Budget ?? 0);
        foreach (var project in instance.Projects)
            decimals = Math.Max(decimals, PbNumbers.Decimals(project.Cost));
        if (decimals > 18)
            throw new PbFormatException(null, "cost", $"amounts with {decimals} decimals cannot be counted exactly");
        long units = 1;
        for (int i = 0; i < decimals; i++)
            units *= 10;
        return units;
    }

    /// <summary>META <c>min_project_score_threshold</c>, rounded up to a whole score, or null when absent.</summary>
    public static long? Threshold(PbInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.MetaValue("min_project_score_threshold") is not { } text || text.Trim().Length == 0)
            return null;
        if (!PbNumbers.TryParseDecimal(text, out var value))
            throw new PbFormatException(instance.MetaLine("min_project_score_threshold"), "min_project_score_threshold", $"'{text}' is not a number");
        return (long)decimal.Ceiling(value);
    }

    /// <summary>Every project's score, as the class summary describes.</summary>
    public static IReadOnlyDictionary<string, long> Scores(PbInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var scores = instance.Projects.ToDictionary(p => p.Id, _ => 0L, StringComparer.Ordinal);
        switch (instance.VoteType)
        {
            case PbVoteType.Approval:
            case PbVoteType.Choose1:
                foreach (var vote in instance.Votes)
                    foreach (var project in vote.Projects)
                        scores[project]++;
                break;
            case PbVoteType.Cumulative:
            case PbVoteType.Scoring:
                foreach (var vote in instance.Votes)
                    for (int i = 0; i < vote.Projects.Count; i++)
                        scores[vote.Projects[i]] += vote.Points?[i] ?? 1;
                break;
            case PbVoteType.Ordinal:
                if (instance.Projects.Count > 0 && instance.Projects.All(p => p.Score is not null))
                    return instance.Projects.ToDictionary(p => p.Id, p => p.Score!.Value, StringComparer.Ordinal);
                long length = OrdinalLength(instance);
                foreach (var vote in instance.Votes)
                    for (int i = 0; i < vote.Projects.Count; i++)
                        scores[vote.Projects[i]] += Math.Max(0, length - i);
                break;
        }
        return scores;
    }

    /// <summary>
    /// The projects ranked by score (highest first), then cost (lowest first), then id; costs in the units of
    /// <see cref="UnitsPerWhole"/>.
    /// </summary>
    public static IReadOnlyList<AllocationCandidate> Ranking(PbInstance instance)
    {
        var scores = Scores(instance);
        long unitsPerWhole = UnitsPerWhole(instance);
        return instance.Projects
            .Select(p => new AllocationCandidate(p.Id, InUnits(p.Cost, unitsPerWhole, null, "cost"), scores[p.Id]))
            .OrderByDescending(c => c.Score)
            .ThenBy(c => c.Cost)
            .ThenBy(c => c.Id, ProjectIdComparer.Instance)
            .ToArray();
    }

    /// <summary>The votes as Equal Shares ballots (weights as the class summary describes).</summary>
    public static IReadOnlyList<AllocationBallot> Ballots(PbInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var type = instance.VoteType;
        long length = type == PbVoteType.Ordinal ? OrdinalLength(instance) : 0;
        var ballots = new AllocationBallot[instance.Votes.Count];
        for (int v = 0; v < ballots.Length; v++)
        {
            var vote = instance.Votes[v];
            var weights = new Dictionary<string, long>(vote.Projects.Count, StringComparer.Ordinal);
            for (int i = 0; i < vote.Projects.Count; i++)
            {
                long weight = type switch
                {
                    PbVoteType.Cumulative or PbVoteType.Scoring => vote.Points?[i] ?? 1,
                    PbVoteType.Ordinal => Math.Max(0, length - i),
                    _ => 1,
                };
                if (weight > 0)
                    weights[vote.Projects[i]] = weight;
            }
            ballots[v] = new AllocationBallot(vote.VoterId, weights);
        }
        return ballots;
    }

    private static long InUnits(decimal amount, long unitsPerWhole, int? line, string field)
    {
        var units = amount * unitsPerWhole;
        if (units > long.MaxValue)
            throw new PbFormatException(line, field, $"{PbNumbers.Format(amount)} is too large to count");
        return (long)units;
    }

    private static long OrdinalLength(PbInstance instance)
    {
        long longest = instance.Votes.Count == 0 ? 0 : instance.Votes.Max(v => v.Projects.Count);
        return PbNumbers.TryParseWhole(instance.MetaValue("max_length"), out var max) && max >= longest ? max : longest;
    }
}

/// <summary>Project ids compared as numbers when both are whole numbers, else ordinally.</summary>
public sealed class ProjectIdComparer : IComparer<string>
{
    public static ProjectIdComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
            return 0;
        if (x is null)
            return -1;
        if (y is null)
            return 1;
        if (long.TryParse(x, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var a)
            && long.TryParse(y, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var b))
        {
            int byNumber = a.CompareTo(b);
            if (byNumber != 0)
                return byNumber;
        }
        return string.CompareOrdinal(x, y);
    }
}
