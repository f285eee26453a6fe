using BenchmarkDotNet.Attributes;
using Voting.Core.Counting;

namespace Voting.Benchmarks.Counting;

/// <summary>Ranking 10,000 projects of 7 grades with 10^9 judgments each.</summary>
[MemoryDiagnoser]
public class RankingBenchmarks
{
    private const long Judgments = 1_000_000_000;
    private ProjectTally[] _projects = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _projects = Enumerable.Range(0, 10_000).Select(i =>
        {
            // Random shares of 10^9 judgments over 7 grades.
            var cuts = Enumerable.Range(0, 6).Select(_ => (long)(random.NextDouble() * Judgments)).Order().ToArray();
            var counts = new long[7];
            long previous = 0;
            for (int g = 0; g < 6; g++) { counts[g] = cuts[g] - previous; previous = cuts[g]; }
            counts[6] = Judgments - previous;
            return new ProjectTally("p" + i, counts);
        }).ToArray();
    }

    [Benchmark]
    public Ranking Rank_10000_projects_7_grades_1e9_judgments() =>
        MajorityRanking.Rank(_projects, BalancingPolicy.Default, Judgments);
}
