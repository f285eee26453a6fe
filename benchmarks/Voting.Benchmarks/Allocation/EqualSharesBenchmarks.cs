using BenchmarkDotNet.Attributes;
using Voting.Core.Allocation;
using Voting.Core.Pabulib;

namespace Voting.Benchmarks.Allocation;

/// <summary>
/// equalshares/add1 on Warszawa 2020 Praga-Południe (approval, 14,897 voters, 134 projects): Equal Shares at
/// budget / voters, then at every whole per-voter budget from 397 until the outcome no longer fits (575).
/// </summary>
[MemoryDiagnoser]
public class EqualSharesBenchmarks
{
    private IReadOnlyList<AllocationCandidate> _ranking = [];
    private IReadOnlyList<AllocationBallot> _ballots = [];
    private long _budget;

    [GlobalSetup]
    public void Setup()
    {
        var path = PabulibInstances.Find(PabulibInstances.PragaPoludnie)
            ?? throw new FileNotFoundException($"{PabulibInstances.PragaPoludnie} not found", PabulibInstances.PragaPoludnie);
        var instance = PbReader.ReadFile(path);
        _ranking = PbAllocation.Ranking(instance);
        _ballots = PbAllocation.Ballots(instance);
        // Praga-Poludnie's budget and costs are whole amounts: one unit of the allocation is one zloty.
        if (PbAllocation.UnitsPerWhole(instance) != 1) throw new InvalidDataException($"{path}: amounts with decimals");
        _budget = (long)(instance.Budget ?? 0);
    }

    [Benchmark]
    public AllocationResult Add1_Praga_Poludnie() =>
        EqualSharesAllocation.Allocate(_ranking, _ballots, _budget, AllocationRules.EqualSharesAdd1);
}
