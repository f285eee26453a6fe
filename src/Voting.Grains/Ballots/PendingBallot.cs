using Voting.Grains.Contracts;

namespace Voting.Grains.Ballots;

/// <summary>A ballot waiting in the log grain's queue for the next group commit, and its caller's acknowledgement.</summary>
internal sealed class PendingBallot(BallotSubmission submission)
{
    public BallotSubmission Submission { get; } = submission;

    public TaskCompletionSource<Outcome<CastReceipt>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many of its appends lost to another writer.</summary>
    public int Conflicts { get; set; }
}
