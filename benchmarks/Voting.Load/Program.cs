using Voting.Load.Ballots;

// Load harnesses that need a running silo (BenchmarkDotNet's own dependencies clash with Orleans' code generator).
return args.FirstOrDefault() switch
{
    "ballots" => await BallotLoad.RunAsync(args),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project benchmarks/Voting.Load -- ballots [options]");
    Console.Error.WriteLine("       " + BallotLoadOptions.Usage.Replace("\n", "\n       "));
    return 2;
}
