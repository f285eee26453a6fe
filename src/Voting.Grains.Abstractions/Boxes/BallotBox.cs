using System.Globalization;

namespace Voting.Grains.Boxes;

/// <summary>
/// One of the <see cref="Count"/> ballot boxes of an election: the voters whose key falls in it (<see cref="IndexOf"/>),
/// their share of the roll, and the ballot log of their ballots. With one box, the log is the election's own (keyed by
/// the election id) and receipts carry no prefix; with more, box <c>b</c> keeps the log <c>{election}/{b}</c> and its
/// receipts start with <c>{b}-</c>, so that a receipt says which box it belongs to.
/// </summary>
public readonly record struct BallotBox(string Election, int Index, int Count)
{
    public const int MaxCount = Voting.Core.Elections.DefinitionErrors.MaxBallotBoxes;

    /// <summary>The box of a voter, from the key that the roll and the slots know them by (their code's SHA-256, hex).</summary>
    public static int IndexOf(string voterKey, int count) =>
        count == 1 ? 0 : (int)(uint.Parse(voterKey.AsSpan(0, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture) % (uint)count);

    public static BallotBox Of(string election, string voterKey, int count) => new(election, IndexOf(voterKey, count), count);

    /// <summary>
    /// The box of an invitation code's holder, and their key. A string that cannot be a code goes to the first box with
    /// an empty key, which no voter has: the box answers as for any unknown code.
    /// </summary>
    public static (BallotBox Box, string VoterKey) OfCode(string election, string invitationCode, int count) =>
        Elections.InvitationCodes.Hash(invitationCode) is { } voterKey ? (Of(election, voterKey, count), voterKey) : (new(election, 0, count), "");

    /// <summary>Every box of an election of <paramref name="count"/> boxes.</summary>
    public static IEnumerable<BallotBox> All(string election, int count) => Enumerable.Range(0, count).Select(b => new BallotBox(election, b, count));

    /// <summary>The box a receipt was issued by; null when the receipt cannot be one of this election's.</summary>
    public static BallotBox? OfReceipt(string election, string receipt, int count)
    {
        if (count == 1) return new BallotBox(election, 0, 1);
        int dash = receipt.IndexOf('-');
        return dash > 0 && int.TryParse(receipt.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < count
            ? new BallotBox(election, index, count)
            : null;
    }

    /// <summary>The key of the box's grain: <c>{election}/{index}/{count}</c> (an election id has no '/').</summary>
    public string GrainKey => string.Create(CultureInfo.InvariantCulture, $"{Election}/{Index}/{Count}");

    public static BallotBox Parse(string grainKey)
    {
        var parts = grainKey.Split('/');
        if (parts.Length != 3 || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var index) || !int.TryParse(parts[2], CultureInfo.InvariantCulture, out var count)
            || count is < 1 or > MaxCount || index < 0 || index >= count)
            throw new ArgumentException($"'{grainKey}' is not the key of a ballot box", nameof(grainKey));
        return new BallotBox(parts[0], index, count);
    }

    /// <summary>The key of the box's ballot log and voter slots in the store.</summary>
    public string LogId => Count == 1 ? Election : string.Create(CultureInfo.InvariantCulture, $"{Election}/{Index}");

    /// <summary>What every receipt of this box starts with.</summary>
    public string ReceiptPrefix => Voting.Core.Record.BoxReceipts.Prefix(Index, Count);

    public override string ToString() => Count == 1 ? Election : $"{Election} box {Index}/{Count}";
}
