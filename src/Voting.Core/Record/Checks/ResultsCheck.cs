using System.Text.Json;
using Voting.Core.Json;

namespace Voting.Core.Record.Checks;

/// <summary>
/// A recount of ballots.csv with the counting core gives results.json byte for byte. The recount is the ballots pass's;
/// its version is the manifest's number of events, or without a manifest, the logs'.
/// </summary>
internal sealed class ResultsCheck() : RecordCheck(RecordVerifier.ResultsCheck)
{
    public override CheckResult Conclude(RecordFacts facts)
    {
        const string title = "a recount of ballots.csv with the counting core gives results.json byte for byte";
        if (!facts.Record.Contains(RecordFiles.Results))
        {
            Findings.Add(RecordFiles.Results, null, null, "missing");
            return Outcome(title, null);
        }
        if (ReadHashed(facts, RecordFiles.Results) is not { } published) return Outcome(title, null);
        if (facts.Csv is not { HeaderRead: true } csv || facts.CsvRows is null)
            return Outcome(title, null, "ballots.csv could not be read");
        if (csv.InvalidRows > 0)
            return Outcome(title, null, $"{csv.InvalidRows} rows of ballots.csv could not be counted (see rows)");
        if (csv.OutOfOrder > 0)
            return Outcome(title, null, "ballots.csv is not sorted by receipt, so its ballots cannot be counted (see ballots)");
        long? version = facts.Manifest?.Events ?? (facts.Boxes.Read ? facts.Boxes.Events : null);
        if (version is null)
            return Outcome(title, null, "neither the manifest nor the log gives the number of events");

        var recount = facts.Recount! with { Version = version.Value };
        var recounted = JsonSerializer.SerializeToUtf8Bytes(recount, VotingJson.Indented);
        if (published.AsSpan().SequenceEqual(recounted))
            return Outcome(title, $"{recount.Ballots} ballots, {recount.Envelopes.Count} envelopes recounted, identical");
        Compare(published, recounted);
        return Outcome(title, null);
    }

    /// <summary>Names the values that differ or, when none does, the first line written differently.</summary>
    private void Compare(byte[] published, byte[] recounted)
    {
        JsonDocument file;
        try
        {
            file = JsonDocument.Parse(published);
        }
        catch (JsonException e)
        {
            Findings.Add(RecordFiles.Results, (e.LineNumber ?? 0) + 1, null, "not valid JSON: " + FirstSentence(e.Message));
            return;
        }
        using (file)
        using (var mine = JsonDocument.Parse(recounted))
        {
            var differences = JsonDiff.Differences(file.RootElement, mine.RootElement, 20);
            foreach (var (path, actual, expected) in differences)
                Findings.Add(RecordFiles.Results, null, path, $"{actual} != {expected} (recounted)");
            if (differences.Count == 0)
            {
                int at = published.AsSpan().CommonPrefixLength(recounted);
                long line = 1 + published.AsSpan(0, at).Count((byte)'\n');
                Findings.Add(RecordFiles.Results, line, null, "the same values written differently (whitespace, order or escaping): the file must be the bytes the engine publishes");
            }
        }
    }
}
