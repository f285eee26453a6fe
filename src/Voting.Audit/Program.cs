using System.CommandLine;
using Voting.Audit;

var root = new RootCommand("Auditors' tool for majority-judgment elections: rank tallies, allocate budgets, verify and recount election records.")
{
    RankCommand.Create(),
    AllocateCommand.Create(),
    VerifyCommand.Create(),
    RecountCommand.Create(),
};
return root.Parse(args).Invoke();
