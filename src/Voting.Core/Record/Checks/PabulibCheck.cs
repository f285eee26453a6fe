using System.Buffers;
using System.Text;

namespace Voting.Core.Record.Checks;

/// <summary>
/// Each envelope's .pb file agrees with ballots.csv: its head with the definition and the recount, its votes line by
/// line with the rows of the envelope. Read at the end of the ballots pass, once ballots.csv is recounted.
/// </summary>
internal sealed class PabulibCheck() : RecordCheck(RecordVerifier.PabulibCheck)
{
    private bool _ran;

    /// <summary>Reads each envelope's .pb file; without a valid definition, only hashes the .pb files there are.</summary>
    public void Read(RecordFacts facts)
    {
        if (facts.Definition is not { } definition)
        {
            foreach (var name in facts.Record.Files.Where(RecordFiles.IsPabulib))
                facts.HashOnly(name);
            return;
        }
        for (int e = 0; e < definition.Envelopes.Count; e++)
            ReadEnvelope(facts, e);
        _ran = facts.Recount is not null;
    }

    public override CheckResult Conclude(RecordFacts facts) =>
        Outcome("each envelope's .pb file agrees with ballots.csv", _ran ? $"{facts.Definition!.Envelopes.Count} files" : null);

    private void ReadEnvelope(RecordFacts facts, int e)
    {
        var record = facts.Record;
        var definition = facts.Definition!;
        var envelope = definition.Envelopes[e];
        var name = RecordFiles.Pabulib(envelope.Id);
        if (!record.Contains(name))
        {
            Findings.Add(name, null, null, "missing");
            return;
        }
        if (facts.Csv is not { HeaderRead: true } csv || facts.CsvRows is not { } rows || facts.Recount is not { } recount)
        {
            facts.HashOnly(name);
            return;
        }
        var tally = csv.Tally[envelope.Id];
        var scores = new long[envelope.Projects.Count];
        for (int p = 0; p < scores.Length; p++)
        {
            var profile = tally.Profile(p);
            for (int g = 0; g < profile.Length; g++) scores[p] += g * profile[g];
        }
        var head = new ArrayBufferWriter<byte>();
        PabulibExport.WriteHead(head, definition, envelope, csv.RowsPerEnvelope[e], scores, recount.Envelopes[e].Allocation);
        var expectedHead = Encoding.UTF8.GetString(head.WrittenSpan).Split('\n')[..^1];
        var projectIds = envelope.Projects.Select(p => Encoding.UTF8.GetBytes(p.Id)).ToArray();
        using var stream = record.OpenRead(name);
        using var lines = new LineReader(stream) { Progress = facts.Progress.Tracker() };
        foreach (var expected in expectedHead)
        {
            if (!lines.TryReadLine(out var line))
            {
                Findings.Add(name, lines.Line + 1, null, $"the file ends; expected '{Shorten(expected)}'");
                facts.Hashes[name] = lines.Finish();
                return;
            }
            if (!line.SequenceEqual(Encoding.UTF8.GetBytes(expected)))
            {
                var field = expected.Split(';')[0];
                Findings.Add(name, lines.Line, field, $"'{Shorten(Encoding.UTF8.GetString(line))}' where ballots.csv and the definition give '{Shorten(expected)}'");
            }
        }
        var vote = new ArrayBufferWriter<byte>(256);
        for (int r = 0; r < rows.Count; r++)
        {
            if (rows[r].Envelope != e) continue;
            vote.ResetWrittenCount();
            PabulibExport.WriteVote(vote, rows.Receipt(r), projectIds, rows.Grades(r));
            var expected = vote.WrittenSpan[..^1];
            if (!lines.TryReadLine(out var line))
            {
                Findings.Add(name, lines.Line + 1, null, $"the file ends before the vote of ballots.csv line {rows[r].Line} ('{Shorten(Encoding.UTF8.GetString(expected))}')");
                break;
            }
            if (!line.SequenceEqual(expected))
                Findings.Add(name, lines.Line, VoteField(line, expected),
                    $"'{Shorten(Encoding.UTF8.GetString(line))}' where ballots.csv line {rows[r].Line} gives '{Shorten(Encoding.UTF8.GetString(expected))}'");
        }
        long extra = 0;
        long firstExtra = 0;
        while (lines.TryReadLine(out var line))
            if (!line.IsEmpty && extra++ == 0) firstExtra = lines.Line;
        if (extra > 0)
            Findings.Add(name, firstExtra, null, $"{extra} vote line(s) more than ballots.csv has rows in envelope '{envelope.Id}'");
        facts.Hashes[name] = lines.Finish();
    }

    /// <summary>The field of a .pb vote line where it first differs from the expected one.</summary>
    private static string VoteField(ReadOnlySpan<byte> line, ReadOnlySpan<byte> expected)
    {
        int a = line.IndexOf((byte)';'), b = expected.IndexOf((byte)';');
        if (a < 0 || !line[..a].SequenceEqual(expected[..b])) return "voter_id";
        int a2 = line[(a + 1)..].IndexOf((byte)';'), b2 = expected[(b + 1)..].IndexOf((byte)';');
        if (a2 < 0 || !line.Slice(a + 1, a2).SequenceEqual(expected.Slice(b + 1, b2))) return "vote";
        return "points";
    }

    private static string Shorten(string text) => text.Length <= 100 ? text : text[..100] + "…";
}
