namespace Voting.Grains;

/// <summary>When live results are published while the vote is open (<c>Voting:LiveResults:*</c>).</summary>
public sealed class LiveResultsOptions
{
    /// <summary>
    /// The fewest ballots cast (receipts issued, revotes included) since the last published snapshot for a new one to be
    /// published, so that no one watching can tie a change to the resident who just voted. The final count at close is
    /// published whatever the number.
    /// </summary>
    public int MinBallots { get; set; } = 10;
}
