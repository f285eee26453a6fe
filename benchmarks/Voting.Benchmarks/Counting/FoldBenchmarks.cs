using BenchmarkDotNet.Attributes;
using Voting.Core.Elections;
using Voting.Core.Grades;
using Voting.Core.Results;

namespace Voting.Benchmarks.Counting;

/// <summary>Folding 1,000,000 ballots of 20 grades into merit profiles (20 million grades per operation).</summary>
public class FoldBenchmarks
{
    private const int Ballots = 1_000_000, Projects = 20;
    private sbyte[] _grades = [];
    private EnvelopeDefinition _envelope = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(11);
        _grades = new sbyte[Ballots * Projects];
        for (int i = 0; i < _grades.Length; i++) _grades[i] = (sbyte)random.Next(-1, 7);
        _envelope = new EnvelopeDefinition("city", Enumerable.Range(0, Projects).Select(p => new ProjectDefinition("p" + p, LocalizedText.Plain("p" + p))).ToArray());
    }

    [Benchmark(OperationsPerInvoke = Ballots * Projects)]
    public EnvelopeTally Fold_1M_ballots_of_20_grades()
    {
        var tally = new EnvelopeTally(_envelope, 7);
        var grades = _grades.AsSpan();
        for (int b = 0; b < Ballots; b++) tally.Add(grades.Slice(b * Projects, Projects));
        return tally;
    }
}
