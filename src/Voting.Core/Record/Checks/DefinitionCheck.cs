using System.Text.Json;
using Voting.Core.Elections;
using Voting.Core.Json;

namespace Voting.Core.Record.Checks;

/// <summary>
/// definition.json is a valid definition of the manifest's election. Its bytes start the hash chain; the definition,
/// once valid, is what the logs, ballots.csv and the .pb files are read against.
/// </summary>
internal sealed class DefinitionCheck() : RecordCheck(RecordVerifier.DefinitionCheck)
{
    public void Read(RecordFacts facts)
    {
        var record = facts.Record;
        if (!record.Contains(RecordFiles.Definition))
        {
            Findings.Add(RecordFiles.Definition, null, null, "missing");
            return;
        }
        if (ReadHashed(facts, RecordFiles.Definition) is not { } bytes) return;
        facts.DefinitionBytes = bytes;
        ElectionDefinition definition;
        try
        {
            definition = VotingJson.ReadDefinition(bytes);
        }
        catch (JsonException e)
        {
            Findings.Add(RecordFiles.Definition, (e.LineNumber ?? 0) + 1, e.Path, FirstSentence(e.Message));
            return;
        }
        var errors = DefinitionErrors.Of(definition);
        foreach (var error in errors)
        {
            int colon = error.IndexOf(": ", StringComparison.Ordinal);
            Findings.Add(RecordFiles.Definition, null, colon > 0 ? error[..colon] : null, colon > 0 ? error[(colon + 2)..] : error);
        }
        if (facts.Manifest is { } manifest && definition.Id != manifest.Election)
            Findings.Add(RecordFiles.Definition, null, "id", $"'{definition.Id}', the manifest is of election '{manifest.Election}'");
        if (errors.Count > 0) return;
        facts.Definition = definition;
        facts.Index = new DefinitionIndex(definition);
    }

    public override CheckResult Conclude(RecordFacts facts) =>
        Outcome("definition.json is a valid definition of the manifest's election", facts.Definition is { } d
            ? $"'{d.Id}': {d.Envelopes.Count} envelopes, {facts.Index!.Columns.Length} projects, {d.Grades.Count} grades, balancing {d.Balancing}"
            : null);
}
