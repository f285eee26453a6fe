using Voting.Grains.Contracts;

namespace Voting.Grains.Ballots;

/// <summary>A ballot waiting in its box's queue for the next group commit, and its caller's acknowledgement.</summary>
/// <param name="place">The voter's place in the box's roll.</param>
internal sealed class PendingBallot(BallotSubmission submission, int place)
{
    public BallotSubmission Submission { get; } = submission;

    public int Place { get; } = place;

    public TaskCompletionSource<Outcome<CastReceipt>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many of its appends lost to another writer.</summary>
    public int Conflicts { get; set; }
}
