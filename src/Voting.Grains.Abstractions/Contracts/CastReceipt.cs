namespace Voting.Grains.Contracts;

/// <summary>What a resident keeps after voting: the receipt that appears in the record, and the server-assigned revision.</summary>
[GenerateSerializer, Immutable]
public sealed record CastReceipt([property: Id(0)] string Receipt, [property: Id(1)] long Revision);
