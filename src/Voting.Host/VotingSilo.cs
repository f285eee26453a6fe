using Voting.Grains;
using Voting.Grains.Storage;

namespace Voting.Host;

/// <summary>Registers the grains and their storage (SQLite in the data folder, or Azure Storage) on the silo.</summary>
internal static class VotingSilo
{
    public const string DatabaseFile = "voting.db";

    public static void Configure(ISiloBuilder silo, IConfiguration configuration, HostSettings settings)
    {
        var dataDir = (configuration.GetSection(DataFolderOptions.Section).Get<DataFolderOptions>() ?? new DataFolderOptions()).FullPath;
        PrivateFiles.CreateFolder(dataDir);
        silo.Services.AddOptions<VotingGrainOptions>()
            .Bind(configuration.GetSection(VotingGrainOptions.Section))
            .Validate(o => o.BallotBoxes is >= 1 and <= Voting.Core.Elections.DefinitionErrors.MaxBallotBoxes,
                $"Voting:BallotBoxes must be between 1 and {Voting.Core.Elections.DefinitionErrors.MaxBallotBoxes}")
            .Validate(o => o.LiveResults.MinBallots >= 1, "Voting:LiveResults:MinBallots must be at least 1")
            .ValidateOnStart();
        switch (settings.Storage.Trim().ToLowerInvariant())
        {
            case "sqlite":
                silo.AddVotingGrains().UseSqliteVotingStorage(Path.Combine(dataDir, DatabaseFile));
                break;
            case "azure":
                var azure = configuration.GetConnectionString("AzureStorage");
                if (string.IsNullOrWhiteSpace(azure))
                    throw new InvalidOperationException("Voting:Storage is 'azure' but ConnectionStrings:AzureStorage is not set");
                silo.AddVotingGrains().UseAzureVotingStorage(azure);
                break;
            default:
                throw new InvalidOperationException($"Voting:Storage must be 'sqlite' or 'azure', not '{settings.Storage}'");
        }
    }
}
