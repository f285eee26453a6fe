using BenchmarkDotNet.Attributes;
using Voting.Core.Counting;

namespace Voting.Benchmarks.Counting;

/// <summary>One judgment added to one project, and that project's place refreshed among 1,000.</summary>
public class IncrementalBenchmarks
{
    private IncrementalRanking _ranking = null!;
    private int[] _projects = [];
    private int[] _grades = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(3);
        _ranking = new IncrementalRanking(Enumerable.Range(0, 1_000)
            .Select(_ => (IReadOnlyList<long>)Enumerable.Range(0, 7).Select(_ => (long)random.Next(10_000, 20_000)).ToArray()).ToArray());
        _projects = Enumerable.Range(0, 4096).Select(_ => random.Next(1_000)).ToArray();
        _grades = Enumerable.Range(0, 4096).Select(_ => random.Next(7)).ToArray();
    }

    [Benchmark]
    public int Add_one_grade_and_refresh_rank()
    {
        int i = _next++ & 4095;
        _ranking.Add(_projects[i], _grades[i]);
        return _ranking.RankOf(_projects[i]);
    }
}
