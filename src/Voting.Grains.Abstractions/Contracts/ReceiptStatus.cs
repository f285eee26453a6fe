namespace Voting.Grains.Contracts;

/// <summary>Whether a receipt's ballot counts or was replaced by a later one; never its grades.</summary>
[GenerateSerializer, Immutable]
public sealed record ReceiptStatus(
    [property: Id(0)] string Receipt,
    [property: Id(1)] bool Counted,
    [property: Id(2)] IReadOnlyList<string> Envelopes);
