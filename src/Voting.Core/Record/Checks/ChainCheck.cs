namespace Voting.Core.Record.Checks;

/// <summary>
/// The hash chain over each box's log runs from the definition's hash to the manifest's head of that box. The log pass
/// reports each line that does not chain onto the one before; here the heads are compared with the manifest.
/// </summary>
internal sealed class ChainCheck() : RecordCheck(RecordVerifier.ChainCheck)
{
    public override CheckResult Conclude(RecordFacts facts)
    {
        var boxes = facts.Boxes;
        var title = boxes.Count == 1
            ? "the hash chain over log.jsonl runs from the definition's hash to the manifest's head"
            : $"the hash chain over each of the {boxes.Count} boxes' logs runs from the definition's hash to the manifest's head of that box";
        if (!boxes.Read) return Outcome(title, null);
        var manifest = facts.Manifest;
        if (manifest is not null)
            for (int b = 0; b < boxes.Count; b++)
                if (boxes[b].Head != manifest.Boxes[b].Head)
                    Findings.Add(RecordFiles.Manifest, null, boxes.ManifestField(b, "head"), $"{manifest.Boxes[b].Head}, but the chain over {boxes[b].File} ends at {boxes[b].Head}");
        var summary = boxes.Count == 1
            ? $"{boxes[0].Events} events, head {boxes[0].Head}"
            : $"{boxes.Events} events in {boxes.Count} boxes, heads {string.Join(", ", boxes.Select(b => b.Head))}";
        return Outcome(title, manifest is null ? null : summary, "no manifest head to compare with");
    }
}
