using Voting.Core.Trail;

namespace Voting.Core.Record.Checks;

/// <summary>
/// trail.jsonl, the officials' actions on the election, is a well-formed trail: every line an entry
/// (<see cref="TrailLines"/>), the entries in an order an election allows (<see cref="ElectionTrail"/>). A record
/// without the file is one written before the engine kept a trail; one whose manifest lists it without the file is not
/// checked.
/// </summary>
internal sealed class TrailCheck() : RecordCheck(RecordVerifier.TrailCheck)
{
    private const string Title = "trail.jsonl lists the officials' actions on the election, well-formed and in order";

    public void Read(RecordFacts facts)
    {
        if (!facts.Record.Contains(RecordFiles.Trail)) return;
        if (ReadHashed(facts, RecordFiles.Trail) is not { } bytes) return;
        var entries = TrailLines.Read(bytes, (line, field, message) => Findings.Add(RecordFiles.Trail, line, field, message));
        if (Findings.Total > 0) return; // an entry's line is its index + 1 only when every line is an entry
        facts.Trail = entries;
        foreach (var (index, field, message) in ElectionTrail.Problems(entries))
            Findings.Add(RecordFiles.Trail, index + 1, field, message);
    }

    public override CheckResult Conclude(RecordFacts facts)
    {
        if (!facts.Record.Contains(RecordFiles.Trail))
            return facts.Manifest?.Files.ContainsKey(RecordFiles.Trail) == true
                ? Outcome(Title, null, "trail.jsonl is listed in the manifest but missing")
                : Outcome(Title, "no trail.jsonl: the record was written before the engine kept an audit trail");
        return Outcome(Title, facts.Trail is { } trail
            ? trail.Count == 0 ? "no official action" : $"{trail.Count} official action{(trail.Count == 1 ? "" : "s")}, {trail[0].At.UtcDateTime:u} to {trail[^1].At.UtcDateTime:u}"
            : null);
    }
}
