namespace Voting.Core.Record.Checks;

/// <summary>
/// Every file's SHA-256 matches the manifest, and the manifest lists every file: the definition, each box's log,
/// ballots.csv, results.json and each envelope's .pb file. The files the passes read are hashed as they are read; the
/// others are read here only to be hashed.
/// </summary>
internal sealed class HashesCheck() : RecordCheck(RecordVerifier.HashesCheck)
{
    public override CheckResult Conclude(RecordFacts facts)
    {
        const string title = "every file's SHA-256 matches the manifest, and the manifest lists every file";
        if (facts.Manifest is not { } manifest) return Outcome(title, null, "no manifest");
        var record = facts.Record;
        var boxes = facts.Boxes;
        var required = new List<string> { RecordFiles.Definition };
        required.AddRange(boxes.Select(b => b.File));
        required.AddRange([RecordFiles.Ballots, RecordFiles.Results]);
        if (facts.Definition is { } definition) required.AddRange(definition.Envelopes.Select(e => RecordFiles.Pabulib(e.Id)));
        foreach (var name in required)
            if (!manifest.Files.ContainsKey(name))
                Findings.Add(RecordFiles.Manifest, null, "files", $"does not list {name}");
        foreach (var name in record.Files)
            if (name != RecordFiles.Manifest && !manifest.Files.ContainsKey(name))
                Findings.Add(name, null, null, "is in the record but not listed in the manifest");
        var logs = boxes.Select(b => b.File).ToHashSet(StringComparer.Ordinal);
        foreach (var name in record.Files.Union(manifest.Files.Keys).Where(RecordFiles.IsLog).Where(name => !logs.Contains(name)).Distinct())
            Findings.Add(name, null, null,
                $"is a ballot log, but not one of the manifest's {(boxes.Count == 1 ? "box (its log is log.jsonl)" : $"{boxes.Count} boxes ({boxes[0].File} to {boxes[^1].File})")}");
        foreach (var (name, expected) in manifest.Files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (!record.Contains(name))
            {
                Findings.Add(name, null, null, "listed in the manifest but missing");
                continue;
            }
            if (!facts.Hashes.TryGetValue(name, out var actual)) actual = facts.HashOnly(name);
            if (actual != expected)
                Findings.Add(name, null, null, $"SHA-256 is {actual}, the manifest says {expected}");
        }
        return Outcome(title, $"{manifest.Files.Count} files");
    }
}
