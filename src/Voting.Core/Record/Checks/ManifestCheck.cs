namespace Voting.Core.Record.Checks;

/// <summary>manifest.json is present, readable and of a format this tool reads. The checks after it compare with it.</summary>
internal sealed class ManifestCheck() : RecordCheck(RecordVerifier.ManifestCheck)
{
    public void Read(RecordFacts facts)
    {
        var record = facts.Record;
        if (!record.Contains(RecordFiles.Manifest))
        {
            Findings.Add(RecordFiles.Manifest, null, null, "missing");
            return;
        }
        try
        {
            var manifest = RecordManifest.Parse(record.ReadAllBytes(RecordFiles.Manifest));
            if (manifest.Format is not (RecordManifest.CurrentFormat or RecordManifest.BoxesFormat))
                Findings.Add(RecordFiles.Manifest, null, "format",
                    $"'{manifest.Format}' is not a format this tool reads ({RecordManifest.CurrentFormat}, {RecordManifest.BoxesFormat})");
            facts.Manifest = manifest;
        }
        catch (Exception e) when (e is FormatException or IOException or InvalidDataException)
        {
            Findings.Add(RecordFiles.Manifest, null, null, e.Message);
        }
    }

    public override CheckResult Conclude(RecordFacts facts) =>
        Outcome("manifest.json is present and readable", facts.Manifest is { } m
            ? $"election '{m.Election}', {m.Files.Count} files, {m.Ballots} ballots, {m.Rows} rows, {m.Events} events{(m.Boxes.Count == 1 ? "" : $" in {m.Boxes.Count} boxes")}"
            : null);
}
