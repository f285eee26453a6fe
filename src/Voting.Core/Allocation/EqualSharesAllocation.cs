namespace Voting.Core.Allocation;

/// <summary>
/// The Method of Equal Shares (cost utilities) and its completions, as equalshares.net runs them:
/// <list type="bullet">
/// <item><c>equalshares</c>: the budget split equally among the voters; each voter's share pays only for
/// projects the voter supports (see <see cref="EqualSharesEngine"/>).</item>
/// <item><c>equalshares/add1</c>: the per-voter budget is raised one currency unit at a time (from the whole
/// unit above budget / voters) for as long as the outcome still fits in the real budget; the last outcome that
/// fits is kept, even past the first exhaustive one (this reproduces Wieliczka 2023 and Assen 2024). No
/// greedy completion follows unless <see cref="EqualSharesOptions.GreedyCompletion"/> asks for one (Assen's
/// published outcome leaves money that a greedy completion would have spent).</item>
/// <item><c>equalshares/add1-comparison</c>: as add1, then compared with the greedy outcome; when more voters
/// prefer greedy's (a voter prefers the outcome funding more of the projects they support, counted by weight),
/// greedy's is kept.</item>
/// </list>
/// A threshold or <see cref="AllocationCandidate.Eligible"/> false keeps a project out of every step.
/// </summary>
public static class EqualSharesAllocation
{
    /// <param name="ranking">Candidates best first: the order of the greedy completion and of the greedy outcome the comparison uses, and the last tie-break.</param>
    /// <param name="ballots">One per voter; every ballot counts in the per-voter share, even an empty one.</param>
    /// <param name="budget">The real budget.</param>
    /// <param name="rule"><c>equalshares</c>, <c>equalshares/add1</c> or <c>equalshares/add1-comparison</c>.</param>
    /// <param name="threshold">Minimum score to be considered, or null.</param>
    /// <param name="options">Variations; by default none.</param>
    public static AllocationResult Allocate(
        IReadOnlyList<AllocationCandidate> ranking,
        IReadOnlyList<AllocationBallot> ballots,
        long budget,
        string rule = AllocationRules.EqualSharesAdd1,
        long? threshold = null,
        EqualSharesOptions? options = null)
    {
        options ??= EqualSharesOptions.Default;
        bool add1 = rule switch
        {
            AllocationRules.EqualShares => false,
            AllocationRules.EqualSharesAdd1 or AllocationRules.EqualSharesAdd1Comparison => true,
            _ => throw new ArgumentException($"'{rule}' is not an equal shares rule ({AllocationRules.EqualShares}, {AllocationRules.EqualSharesAdd1}, {AllocationRules.EqualSharesAdd1Comparison})", nameof(rule)),
        };
        bool compare = rule == AllocationRules.EqualSharesAdd1Comparison;
        AllocationInput.Check(ranking, budget, threshold);
        ArgumentNullException.ThrowIfNull(ballots);

        var (engine, considered) = Build(ranking, ballots, threshold);
        int n = ballots.Count;
        var notes = new List<string>();
        if (threshold is long t)
            notes.Add($"projects scoring below {t} are not considered");

        EqualSharesEngine.Outcome outcome;
        if (n == 0)
        {
            outcome = engine.Run(0, 1);
            notes.Add("no ballots: equal shares funds nothing");
        }
        else
        {
            outcome = engine.Run(budget, n);
            notes.Add($"equal shares with {PerVoter(budget, n)} per voter ({budget} / {n} voters) costs {outcome.Cost}");
        }

        if (add1 && n > 0)
        {
            long supportedTotal = 0;
            for (int c = 0; c < ranking.Count; c++)
                if (considered[c] && engine.Supported(c))
                    supportedTotal += ranking[c].Cost;
            if (supportedTotal <= budget)
            {
                // Raising the shares can only end with every supported project, which fits.
                outcome = engine.Run(supportedTotal, 1);
                notes.Add($"add1: all supported projects together cost {supportedTotal}, within the budget, so all are funded");
            }
            else
            {
                var search = Add1Completion.Run(engine, outcome, budget, n, supportedTotal);
                outcome = search.Outcome;
                string? stop = search.Over is (long over, long overCost) ? $"{over} per voter would cost {overCost}" : null;
                notes.Add(search.Kept is long k
                    ? $"add1: shares raised one unit at a time up to {k} per voter, which costs {outcome.Cost}" + (stop is null ? "" : $"; {stop}, over the budget")
                    : $"add1: {stop}, over the budget, so the first outcome is kept");
            }
        }

        // Decisions of the equal shares outcome.
        var funded = new HashSet<int>(outcome.Winners);
        var decisions = new ProjectDecision[ranking.Count];
        for (int c = 0; c < ranking.Count; c++)
        {
            var cand = ranking[c];
            decisions[c] = GreedyAllocation.Exclusion(cand, threshold)
                ?? (funded.Contains(c)
                    ? new ProjectDecision(cand.Id, cand.Cost, true, DecisionKind.Funded, "funded by equal shares")
                    : engine.Supported(c)
                        ? new ProjectDecision(cand.Id, cand.Cost, false, DecisionKind.SharesRanOut, "not funded: its supporters' shares ran out")
                        : new ProjectDecision(cand.Id, cand.Cost, false, DecisionKind.NoSupporters, "not funded: no voter supports it"));
        }
        var selected = outcome.Winners.Select(c => ranking[c].Id).ToList();
        long cost = outcome.Cost;

        if (options.GreedyCompletion)
        {
            var completed = GreedyAllocation.Complete(ranking, budget, threshold, selected, cost, decisions);
            if (completed.Selected.Count > selected.Count)
                notes.Add($"greedy completion: {string.Join(", ", completed.Selected.Skip(selected.Count))} funded with the {budget - cost} left");
            (selected, cost, decisions) = (completed.Selected, completed.Cost, completed.Decisions);
        }

        if (compare)
        {
            var greedy = GreedyAllocation.Run(ranking, budget, skip: true, threshold);
            var (preferMes, preferGreedy) = Preferences(ranking, ballots, selected, greedy.Selected);
            if (preferGreedy > preferMes)
            {
                notes.Add($"comparison: {preferGreedy} voters prefer the greedy outcome, {preferMes} equal shares': greedy's is kept");
                var greedyIds = greedy.Selected.ToHashSet(StringComparer.Ordinal);
                for (int c = 0; c < ranking.Count; c++)
                    if (decisions[c].Funded && !greedyIds.Contains(ranking[c].Id))
                        greedy.Decisions[c] = greedy.Decisions[c] with
                        {
                            Kind = DecisionKind.NotInPreferredOutcome,
                            Reason = $"not funded: equal shares would fund it, but more voters preferred the greedy outcome ({greedy.Decisions[c].Reason})",
                        };
                (selected, cost, decisions) = (greedy.Selected, greedy.Cost, greedy.Decisions);
            }
            else
                notes.Add($"comparison: {preferMes} voters prefer equal shares' outcome, {preferGreedy} the greedy one: equal shares' is kept");
        }

        return new AllocationResult(rule, budget, selected, cost, decisions, notes);
    }

    /// <summary>
    /// Equal Shares alone with a given total (virtual) budget, split equally among the ballots: the projects
    /// bought, in order, and their cost. The building block of the add1 completion.
    /// </summary>
    public static (IReadOnlyList<string> Selected, long Cost) FixedBudget(
        IReadOnlyList<AllocationCandidate> ranking,
        IReadOnlyList<AllocationBallot> ballots,
        long totalBudget,
        long? threshold = null)
    {
        AllocationInput.Check(ranking, totalBudget, threshold);
        ArgumentNullException.ThrowIfNull(ballots);
        var (engine, _) = Build(ranking, ballots, threshold);
        var outcome = ballots.Count == 0 ? engine.Run(0, 1) : engine.Run(totalBudget, ballots.Count);
        return (outcome.Winners.Select(c => ranking[c].Id).ToArray(), outcome.Cost);
    }

    /// <summary>How many voters prefer each outcome: the one funding more weight of the projects they support.</summary>
    internal static (int PreferFirst, int PreferSecond) Preferences(
        IReadOnlyList<AllocationCandidate> ranking, IReadOnlyList<AllocationBallot> ballots,
        IReadOnlyCollection<string> first, IReadOnlyCollection<string> second)
    {
        var a = first.ToHashSet(StringComparer.Ordinal);
        var b = second.ToHashSet(StringComparer.Ordinal);
        int preferFirst = 0, preferSecond = 0;
        foreach (var ballot in ballots)
        {
            long sa = 0, sb = 0;
            foreach (var (project, weight) in ballot.Weights)
            {
                if (weight <= 0)
                    continue;
                if (a.Contains(project))
                    sa += weight;
                if (b.Contains(project))
                    sb += weight;
            }
            if (sa > sb)
                preferFirst++;
            else if (sb > sa)
                preferSecond++;
        }
        return (preferFirst, preferSecond);
    }

    internal static (EqualSharesEngine Engine, bool[] Considered) Build(
        IReadOnlyList<AllocationCandidate> ranking, IReadOnlyList<AllocationBallot> ballots, long? threshold)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < ranking.Count; c++)
            index[ranking[c].Id] = c;
        var supporters = new List<(int Voter, long Weight)>[ranking.Count];
        for (int c = 0; c < ranking.Count; c++)
            supporters[c] = [];
        for (int v = 0; v < ballots.Count; v++)
        {
            var ballot = ballots[v] ?? throw new ArgumentException($"ballot {v} is null", nameof(ballots));
            foreach (var (project, weight) in ballot.Weights)
            {
                if (!index.TryGetValue(project, out var c))
                    throw new ArgumentException($"voter '{ballot.VoterId}' supports unknown project '{project}'", nameof(ballots));
                if (weight > 0)
                    supporters[c].Add((v, weight));
            }
        }
        var considered = ranking.Select(c => GreedyAllocation.Exclusion(c, threshold) is null).ToArray();
        var position = Enumerable.Range(0, ranking.Count).ToArray();
        var cost = ranking.Select(c => c.Cost).ToArray();
        return (new EqualSharesEngine(ballots.Count, cost, supporters, considered, position), considered);
    }

    private static string PerVoter(long budget, int voters) =>
        budget % voters == 0
            ? (budget / voters).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : decimal.Round((decimal)budget / voters, 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Variations of the equal shares rules.</summary>
/// <param name="GreedyCompletion">
/// After Equal Shares (and add1), fund the ranking's next projects that still fit in the money left, as
/// equalshares.net's "utilitarian" completions (add1u) do. Off by default: Pabulib's <c>equalshares/add1</c>
/// outcomes (Assen 2024) are without it.
/// </param>
public sealed record EqualSharesOptions(bool GreedyCompletion = false)
{
    public static EqualSharesOptions Default { get; } = new();
}
