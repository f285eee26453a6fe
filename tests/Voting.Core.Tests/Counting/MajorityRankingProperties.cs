using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Voting.Core.Counting;

namespace Voting.Core.Tests.Counting;

/// <summary>The ranking against the naive definition, over random elections.</summary>
public class MajorityRankingProperties
{
    /// <summary>A random election: G grades, projects, ballots that grade any subset of the projects, a policy.</summary>
    public sealed record Election(int Grades, string[] Projects, Dictionary<string, int>[] Ballots, BalancingPolicy Policy)
    {
        public override string ToString() =>
            $"G={Grades} {Policy} projects=[{string.Join(",", Projects)}] ballots=[{string.Join(" | ", Ballots.Select(b => string.Join(",", b.Select(kv => $"{kv.Key}:{kv.Value}"))))}]";

        public long[] Counts(string project)
        {
            var counts = new long[Grades];
            foreach (var ballot in Ballots)
                if (ballot.TryGetValue(project, out var grade)) counts[grade]++;
            return counts;
        }

        public Ranking Rank() => Rank(Projects);

        public Ranking Rank(IEnumerable<string> projects) =>
            MajorityRanking.Rank(projects.Select(p => new ProjectTally(p, Counts(p))).ToArray(), Policy, Ballots.Length);
    }

    private static Gen<Election> Elections() =>
        from grades in Gen.Choose(2, 10)
        from projectCount in Gen.Choose(1, 6)
        from policyIndex in Gen.Choose(0, 2)
        from staticGrade in Gen.Choose(0, grades - 1)
        from ballotCount in Gen.Choose(0, 14)
        let projects = Enumerable.Range(0, projectCount).Select(i => "p" + i).ToArray()
        from ballots in Gen.ArrayOf(Ballot(grades, projects), ballotCount)
        select new Election(grades, projects, ballots, policyIndex switch
        {
            0 => new BalancingPolicy(BalancingKind.Static, staticGrade),
            1 => new BalancingPolicy(BalancingKind.Median),
            _ => new BalancingPolicy(BalancingKind.Normalize),
        });

    // A ballot grades at least one project (otherwise it is not in the envelope); grades lean to a few
    // values so that ties and deep comparisons happen often.
    private static Gen<Dictionary<string, int>> Ballot(int grades, string[] projects) =>
        from graded in Gen.ArrayOf(Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false))), projects.Length)
        from values in Gen.ArrayOf(Gen.Choose(0, grades - 1), projects.Length)
        let ballot = projects.Select((p, i) => (p, i)).Where(x => graded[x.i] || x.i == 0).ToDictionary(x => x.p, x => values[x.i])
        select ballot;

    private static Arbitrary<Election> Arb() => Elections().ToArbitrary();

    private static Dictionary<string, int> RanksOf(Ranking ranking) => ranking.Projects.ToDictionary(p => p.Id, p => p.Rank);

    [Property(MaxTest = 500)]
    public Property Ranks_equal_the_naive_definition() => Prop.ForAll(Arb(), election =>
    {
        var naive = NaiveMajorityJudgment.Ranks(NaiveMajorityJudgment.Sequences(election.Projects, election.Ballots, election.Policy));
        var ranks = RanksOf(election.Rank());
        return naive.OrderBy(kv => kv.Key).SequenceEqual(ranks.OrderBy(kv => kv.Key)).Label($"naive {string.Join(",", naive)} got {string.Join(",", ranks)}");
    });

    [Property(MaxTest = 300)]
    public Property Majority_grades_equal_the_naive_lower_median() => Prop.ForAll(Arb(), election =>
    {
        var sequences = NaiveMajorityJudgment.Sequences(election.Projects, election.Ballots, election.Policy).ToDictionary(s => s.Id, s => s.Sequence);
        return election.Rank().Projects.All(p => sequences[p.Id] is { Length: > 0 } sequence ? sequence[0] == p.MajorityGrade : p.MajorityGrade == 0);
    });

    [Property(MaxTest = 300)]
    public Property Ballot_order_and_project_order_do_not_matter() => Prop.ForAll(Arb(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (election, seed) =>
    {
        var random = new Random(seed);
        var shuffled = election with
        {
            Projects = election.Projects.OrderBy(_ => random.Next()).ToArray(),
            Ballots = election.Ballots.OrderBy(_ => random.Next()).ToArray(),
        };
        var before = election.Rank().Projects.Select(p => (p.Id, p.Rank, p.MajorityGrade));
        var after = shuffled.Rank().Projects.Select(p => (p.Id, p.Rank, p.MajorityGrade));
        return before.SequenceEqual(after);
    });

    [Property(MaxTest = 300)]
    public Property Raising_one_grade_never_lowers_that_projects_rank() => Prop.ForAll(Arb(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (election, seed) =>
    {
        var random = new Random(seed);
        var candidates = election.Ballots.SelectMany((b, i) => b.Where(kv => kv.Value < election.Grades - 1).Select(kv => (i, kv.Key))).ToArray();
        if (candidates.Length == 0) return true.ToProperty();
        var (ballot, project) = candidates[random.Next(candidates.Length)];
        var raised = election with { Ballots = election.Ballots.Select((b, i) => i != ballot ? b : new Dictionary<string, int>(b) { [project] = b[project] + 1 }).ToArray() };
        int before = RanksOf(election.Rank())[project], after = RanksOf(raised.Rank())[project];
        return (after <= before).Label($"{project}: rank {before} -> {after}");
    });

    [Property(MaxTest = 300)]
    public Property Removing_a_project_keeps_the_order_of_the_others() => Prop.ForAll(Arb(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (election, seed) =>
    {
        var removed = election.Projects[new Random(seed).Next(election.Projects.Length)];
        var others = election.Projects.Where(p => p != removed).ToArray();
        var before = election.Rank().Projects.Where(p => p.Id != removed).ToArray();
        var after = election.Rank(others).Projects;
        // Same order, and the same ties between neighbours.
        bool sameOrder = before.Select(p => p.Id).SequenceEqual(after.Select(p => p.Id));
        bool sameTies = before.Zip(before.Skip(1)).Select(x => x.First.Rank == x.Second.Rank)
            .SequenceEqual(after.Zip(after.Skip(1)).Select(x => x.First.Rank == x.Second.Rank));
        return sameOrder && sameTies;
    });

    [Property(MaxTest = 200)]
    public Property Incremental_ranking_with_revotes_equals_batch() => Prop.ForAll(Arb(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (election, seed) =>
    {
        // Build the final ballots' profiles one judgment at a time, with each voter first casting a random
        // ballot and then replacing it (remove the old grades, add the new ones).
        var random = new Random(seed);
        int count = election.Projects.Length;
        var incremental = new IncrementalRanking(Enumerable.Range(0, count).Select(_ => new long[election.Grades]).ToArray());
        foreach (var ballot in election.Ballots)
        {
            var first = election.Projects.Select((p, i) => (i, grade: random.Next(election.Grades))).Where(_ => random.Next(2) == 0).ToArray();
            foreach (var (i, grade) in first) incremental.Add(i, grade);
            foreach (var (i, grade) in first) incremental.Remove(i, grade);
            foreach (var (project, grade) in ballot) incremental.Add(Array.IndexOf(election.Projects, project), grade);
        }
        var batchOrder = Enumerable.Range(0, count)
            .OrderByDescending(i => NaiveMajorityJudgment.Expand(election.Counts(election.Projects[i])).ToArray(), new NaiveShareOrder())
            .ThenBy(i => i).ToArray();
        bool sameProfiles = Enumerable.Range(0, count).All(i => incremental.Profile(i).SequenceEqual(election.Counts(election.Projects[i])));
        return (sameProfiles && incremental.Order.ToArray().SequenceEqual(batchOrder))
            .Label($"incremental {string.Join(",", incremental.Order.ToArray())} batch {string.Join(",", batchOrder)}");
    });

    /// <summary>Orders sorted judgments as shares: a profile with no judgment last.</summary>
    private sealed class NaiveShareOrder : IComparer<int[]>
    {
        public int Compare(int[]? x, int[]? y)
        {
            if (x!.Length == 0 || y!.Length == 0) return (x.Length > 0).CompareTo(y!.Length > 0);
            // Scale both to a common length, as normalize does.
            int common = x.Length * y.Length;
            var a = NaiveMajorityJudgment.MedianSequence(x.SelectMany(g => Enumerable.Repeat(g, common / x.Length)).ToList());
            var b = NaiveMajorityJudgment.MedianSequence(y.SelectMany(g => Enumerable.Repeat(g, common / y.Length)).ToList());
            return NaiveMajorityJudgment.Compare(a, b);
        }
    }
}
