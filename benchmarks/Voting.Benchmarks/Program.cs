using BenchmarkDotNet.Running;
using Voting.Benchmarks.Record;

// `record ...` times verify + recount of a generated election record; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "record")
    return await RecordLoad.RunAsync(args);

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
