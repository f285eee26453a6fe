using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Voting.Benchmarks.Allocation;
using Voting.Benchmarks.Record;

// `record ...` times verify + recount of a generated election record; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "record")
    return await RecordLoad.RunAsync(args);

var benchmarks = typeof(Program).Assembly.GetExportedTypes()
    .Where(t => !t.IsAbstract && t.GetMethods().Any(m => m.IsDefined(typeof(BenchmarkAttribute), inherit: false)))
    .ToList();
// Benchmarks on real Pabulib data are skipped, and say so, when the instances are not there.
if (PabulibInstances.Find(PabulibInstances.PragaPoludnie) is null)
{
    Console.WriteLine($"{nameof(EqualSharesBenchmarks)} skipped: {PabulibInstances.PragaPoludnie} not found (a shared/pabulib folder above the benchmarks, or PABULIB_DIR)");
    benchmarks.Remove(typeof(EqualSharesBenchmarks));
}
BenchmarkSwitcher.FromTypes([.. benchmarks]).Run(args);
return 0;
