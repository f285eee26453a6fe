namespace Voting.Core.Record;

/// <summary>The names of the files of an election record (docs/record.md).</summary>
public static class RecordFiles
{
    public const string Definition = "definition.json";
    public const string Log = "log.jsonl";
    public const string Ballots = "ballots.csv";
    public const string Results = "results.json";
    public const string Manifest = "manifest.json";

    /// <summary>The Pabulib export of one envelope: <c>&lt;envelope id&gt;.pb</c>.</summary>
    public static string Pabulib(string envelope) => envelope + ".pb";
}
