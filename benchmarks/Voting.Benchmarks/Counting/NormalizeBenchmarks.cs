using BenchmarkDotNet.Attributes;
using Voting.Core.Counting;

namespace Voting.Benchmarks.Counting;

/// <summary>Ranking 1,437 projects whose totals are distinct primes, compared as shares.</summary>
[MemoryDiagnoser]
public class NormalizeBenchmarks
{
    private ProjectTally[] _projects = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _projects = Primes().Skip(100).Take(1_437).Select((total, i) =>
        {
            var counts = new long[7];
            for (long j = 0; j < total; j++) counts[random.Next(7)]++;
            return new ProjectTally("p" + i, counts);
        }).ToArray();
    }

    [Benchmark]
    public Ranking Normalize_1437_projects_with_prime_totals() =>
        MajorityRanking.Rank(_projects, new BalancingPolicy(BalancingKind.Normalize), judges: 0);

    private static IEnumerable<long> Primes()
    {
        for (long n = 2; ; n++)
        {
            bool prime = true;
            for (long d = 2; d * d <= n && prime; d++) prime = n % d != 0;
            if (prime) yield return n;
        }
    }
}
