namespace Voting.Grains.Storage;

/// <summary>
/// Where one voter stands: the last revision the server assigned and, per envelope, the receipt of the
/// ballot that counts. Kept apart from the log, which holds grades and no identity.
/// </summary>
public sealed record VoterSlot(string VoterKey, long Revision, IReadOnlyDictionary<string, string> Receipts);
