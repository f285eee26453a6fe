using Voting.Load.Ballots;
using Voting.Load.Http;
using Voting.Load.Roll;

// Load harnesses that need a running silo (BenchmarkDotNet's own dependencies clash with Orleans' code generator).
return args.FirstOrDefault() switch
{
    "ballots" => await BallotLoad.RunAsync(args),
    "roll" => await RollLoad.RunAsync(args),
    "http" => await HttpLoad.RunAsync(args),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project benchmarks/Voting.Load -- ballots|roll|http [options]");
    Console.Error.WriteLine("       " + BallotLoadOptions.Usage.Replace("\n", "\n       "));
    Console.Error.WriteLine("       " + RollLoad.Usage);
    Console.Error.WriteLine("       " + HttpLoadOptions.Usage.Replace("\n", "\n       "));
    return 2;
}
