namespace Voting.Grains.Storage;

/// <summary>A document with the ETag that a conditional write must present to replace it.</summary>
public sealed record StoredDocument(byte[] Data, string ETag);
