namespace Voting.Grains;

/// <summary>Tuning of the ballot path; the defaults suit one node with SQLite.</summary>
public sealed class VotingGrainOptions
{
    /// <summary>The configuration section whose keys (<c>Voting:BallotBoxes</c>, <c>Voting:LiveResults:*</c>...) these are.</summary>
    public const string Section = "Voting";

    /// <summary>The ballot boxes of an election whose definition does not say (fixed when the election is created).</summary>
    public int BallotBoxes { get; set; } = 1;

    /// <summary>The most ballots one append to the log carries (group commit); a store's own limits may lower it.</summary>
    public int MaxBallotsPerAppend { get; set; } = 1000;

    /// <summary>How often, at most, the tallies are checkpointed with the log position they reflect (see <see cref="Boxes.CheckpointSchedule"/>).</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often, at most, a ballot box pushes its tallies to the election's live results.</summary>
    public TimeSpan ResultsInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    public LiveResultsOptions LiveResults { get; set; } = new();

    /// <summary>How many times a batch is rebuilt after another writer moved the log or a voter slot.</summary>
    public int MaxConflictRetries { get; set; } = 3;
}
