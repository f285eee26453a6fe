using Voting.Core.Results;
using Voting.Grains.Contracts;
using Voting.Grains.Storage;

namespace Voting.Grains.Boxes;

/// <summary>
/// One ballot box of an election (keyed by <see cref="BallotBox.GrainKey"/>): its voters' share of the roll, their
/// ballots' durable log, and the tallies projected from it. A cast reaches it straight from the web node.
/// </summary>
public interface IBallotBoxGrain : IGrainWithStringKey
{
    /// <summary>Casts or replaces the ballot of the voter with this key (their code's SHA-256, hex); completes once it is durable.</summary>
    Task<Outcome<CastReceipt>> Cast(string voterKey, IReadOnlyDictionary<string, int> grades);

    /// <summary>
    /// Several voters' casts in one call, as a web node gathers them while its previous call to this box is in flight:
    /// each is taken as <see cref="Cast"/> takes it, and its outcome is at its place in the answer.
    /// </summary>
    Task<Outcome<CastReceipt>[]> CastAll(IReadOnlyList<BallotCast> casts);

    /// <summary>The ballot that counts for the voter with this key, as they cast it; not found before their first cast.</summary>
    Task<Outcome<VoterBallot>> Ballot(string voterKey);

    /// <summary>The envelopes the voter with this key may vote in; unauthorized for a key not on the roll.</summary>
    Task<Outcome<IReadOnlyList<string>>> Envelopes(string voterKey);

    Task<Outcome<ReceiptStatus>> Receipt(string receipt);

    /// <summary>The tallies of every ballot acknowledged so far, for counting elsewhere.</summary>
    Task<TallySnapshot> Tallies();

    /// <summary>Reads the roll imports committed since the box last read them.</summary>
    Task LoadRoll();

    /// <summary>The vote opened: casts are taken from now on.</summary>
    Task Open();

    /// <summary>The vote is closing: casts are refused from now on; completes once the ballots already taken are durable and their tallies pushed to the live results.</summary>
    Task Seal();

    /// <summary>The box's log, in order.</summary>
    IAsyncEnumerable<LogRecord> ReadLog();
}
