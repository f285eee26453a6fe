namespace Voting.Core.Record;

/// <summary>One ballot box's log as the manifest gives it: its number of events and the head of its hash chain.</summary>
public sealed record RecordBox(long Events, string Head);
