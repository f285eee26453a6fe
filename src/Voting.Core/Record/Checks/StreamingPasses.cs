using Voting.Core.Results;

namespace Voting.Core.Record.Checks;

/// <summary>
/// The two passes over the large files, run concurrently, each file streamed once: the boxes' logs one after the
/// other (for the chain and log checks), and ballots.csv then the .pb files (for the rows, ballots and pabulib checks).
/// A file that cannot be read to the end fails the checks that needed it.
/// </summary>
internal static class StreamingPasses
{
    public static void Run(RecordFacts facts, ChainCheck chain, LogCheck log, RowsCheck rows, BallotsCheck ballots, PabulibCheck pabulib)
    {
        var record = facts.Record;
        facts.Boxes = BoxLogs.Of(record, facts.Manifest, chain.Findings, log.Findings);
        facts.Progress.Total = facts.Boxes.Select(b => b.File).Append(RecordFiles.Ballots)
            .Concat(facts.Definition?.Envelopes.Select(e => RecordFiles.Pabulib(e.Id)) ?? [])
            .Sum(name => record.Length(name) ?? 0);

        var logsPass = Task.Run(() =>
        {
            foreach (var box in facts.Boxes)
                Guard(() => ReadLog(facts, box, chain.Findings, log.Findings), box.File, chain.Findings, log.Findings);
        });
        var ballotsPass = Task.Run(() => Guard(() =>
        {
            ReadBallots(facts, rows.Findings, ballots.Findings);
            pabulib.Read(facts);
        }, RecordFiles.Ballots, rows.Findings, ballots.Findings));
        Task.WaitAll(logsPass, ballotsPass);
    }

    private static void Guard(Action pass, string file, params FindingList[] findings)
    {
        try
        {
            pass();
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            foreach (var list in findings) list.Add(file, null, null, "could not be read to the end: " + e.Message);
        }
    }

    private static void ReadLog(RecordFacts facts, BoxLogPass box, FindingList chainFindings, FindingList logFindings)
    {
        if (!facts.Record.Contains(box.File))
        {
            chainFindings.Add(box.File, null, null, "missing");
            logFindings.Add(box.File, null, null, "missing");
            return;
        }
        if (facts.DefinitionBytes is not { } definitionBytes)
        {
            facts.HashOnly(box.File);
            return;
        }
        box.Run(facts.Record, definitionBytes, facts.Index, facts.Progress);
        facts.Hashes[box.File] = box.Sha256!;
    }

    /// <summary>Folds ballots.csv against the definition, keeping its rows, and recounts it when every row can be counted.</summary>
    private static void ReadBallots(RecordFacts facts, FindingList rowFindings, FindingList ballotFindings)
    {
        var record = facts.Record;
        if (!record.Contains(RecordFiles.Ballots))
        {
            rowFindings.Add(RecordFiles.Ballots, null, null, "missing");
            ballotFindings.Add(RecordFiles.Ballots, null, null, "missing");
            return;
        }
        if (facts.Index is not { } index)
        {
            facts.HashOnly(RecordFiles.Ballots);
            return;
        }
        var store = new RowStore(index.ProjectsPerEnvelope, indexed: false);
        var fold = new CsvFold(index, store);
        using (var stream = record.OpenRead(RecordFiles.Ballots))
        using (var lines = new LineReader(stream) { Progress = facts.Progress.Tracker() })
        {
            fold.Run(lines,
                (line, field, message) => rowFindings.Add(RecordFiles.Ballots, line, field, message),
                (line, field, message) => ballotFindings.Add(RecordFiles.Ballots, line, field, message),
                record.Length(RecordFiles.Ballots) ?? 0);
            if (lines.MissingFinalNewline)
                rowFindings.Add(RecordFiles.Ballots, lines.Line, null, "the last line has no '\\n' after it");
            facts.Hashes[RecordFiles.Ballots] = lines.Finish();
        }
        facts.Csv = fold;
        facts.CsvRows = store;
        if (fold is { HeaderRead: true, InvalidRows: 0 })
            facts.Recount = ElectionCount.Count(fold.Tally, 0, envelope => BallotsOf(store, index, envelope));
    }

    private static IEnumerable<IReadOnlyDictionary<string, int>> BallotsOf(RowStore rows, DefinitionIndex index, string envelopeId)
    {
        int e = Array.IndexOf(index.EnvelopeIds, envelopeId);
        for (int r = 0; r < rows.Count; r++)
        {
            if (rows[r].Envelope != e) continue;
            yield return ToDictionary(rows.Grades(r), index.ProjectIds[e]);
        }
    }

    private static Dictionary<string, int> ToDictionary(ReadOnlySpan<sbyte> grades, string[] projects)
    {
        var ballot = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int p = 0; p < grades.Length; p++)
            if (grades[p] >= 0) ballot[projects[p]] = grades[p];
        return ballot;
    }
}
