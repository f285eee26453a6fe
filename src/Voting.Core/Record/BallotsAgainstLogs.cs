namespace Voting.Core.Record;

/// <summary>
/// The verifier's ballots check: the rows of ballots.csv are exactly the counted ballots of the boxes' logs (last
/// revision wins). Names each row never cast, replaced, duplicated or with a grade differing from its event, and each
/// counted ballot missing, with the line of ballots.csv where it belongs when the file is sorted.
/// </summary>
internal sealed class BallotsAgainstLogs(DefinitionIndex index, IReadOnlyList<BoxLogPass> boxes, RowStore csv, FindingList findings)
{
    /// <summary>For each box, for each row of its log: the row of ballots.csv matched with it, or -1.</summary>
    private readonly int[][] _matchedRow = boxes.Select(box => Unmatched(box.Fold!.Rows.Count)).ToArray();

    /// <summary>A problem of a row of ballots.csv: its line, the project column when one is at fault.</summary>
    private sealed record Problem(long Line, string? Field, string Message);

    /// <summary>The problems of a range of rows: the first ones, and how many in all.</summary>
    private sealed class Problems
    {
        public List<Problem> Kept { get; } = [];

        public long Total { get; private set; }

        public bool Full => Total >= VerificationReport.MaxFindingsPerCheck;

        public void Add(long line, string? field, string message)
        {
            if (Total++ < VerificationReport.MaxFindingsPerCheck) Kept.Add(new Problem(line, field, message));
        }

        /// <summary>Counts a problem once the list is full, without writing its message.</summary>
        public void CountOnly() => Total++;
    }

    /// <param name="sorted">Whether ballots.csv is sorted, so that a missing ballot can be placed.</param>
    public void Run(bool sorted)
    {
        // two halves in parallel, split between receipts so that the rows of one receipt stay together
        int middle = csv.Count / 2;
        while (middle > 0 && middle < csv.Count && csv.Receipt(middle).SequenceEqual(csv.Receipt(middle - 1))) middle++;
        var halves = new[] { (From: 0, To: middle), (From: middle, To: csv.Count) };
        var found = new Problems[2];
        Parallel.For(0, 2, h => found[h] = Match(halves[h].From, halves[h].To));
        foreach (var problems in found)
        {
            foreach (var problem in problems.Kept)
                findings.Add(RecordFiles.Ballots, problem.Line, problem.Field, problem.Message);
            findings.AddCount(problems.Total - problems.Kept.Count);
        }

        for (int b = 0; b < boxes.Count; b++)
        {
            var box = boxes[b];
            var log = box.Fold!.Rows;
            for (int k = 0; k < log.Count; k++)
            {
                if (log[k].Replaced || _matchedRow[b][k] >= 0) continue;
                var receipt = log.Receipt(k);
                int envelope = log[k].Envelope;
                long? at = null;
                string where = "";
                if (sorted)
                {
                    int position = LowerBound(receipt, index.EnvelopeRank[envelope]);
                    at = position < csv.Count ? csv[position].Line : (csv.Count == 0 ? 2 : csv[csv.Count - 1].Line + 1);
                    where = position < csv.Count ? " (it belongs before this line)" : " (it belongs at the end)";
                }
                findings.Add(RecordFiles.Ballots, at, null,
                    $"missing row: receipt '{LogFold.Text(receipt)}', envelope '{index.EnvelopeIds[envelope]}' is counted ({box.File} line {log[k].Line}){where}");
            }
        }
    }

    /// <summary>Matches rows [from, to) of ballots.csv with the logs' counted rows, marking each log row matched.</summary>
    private Problems Match(int from, int to)
    {
        var problems = new Problems();
        for (int r = from; r < to; r++)
        {
            var receipt = csv.Receipt(r);
            int envelope = csv[r].Envelope;
            long line = csv[r].Line;
            var (box, head) = Find(receipt);
            if (box < 0)
            {
                problems.Add(line, null, $"receipt '{LogFold.Text(receipt)}' is not in {(boxes.Count == 1 ? boxes[0].File : "any box's log")}: a ballot that was never cast");
                continue;
            }
            var file = boxes[box].File;
            var log = boxes[box].Fold!.Rows;
            int ev = -1;
            for (int k = head; k >= 0; k = log[k].Next)
                if (log[k].Envelope == envelope) { ev = k; break; }
            if (ev < 0)
            {
                problems.Add(line, null, $"receipt '{LogFold.Text(receipt)}' has no ballot in envelope '{index.EnvelopeIds[envelope]}' in {file} (see line {log[head].Line})");
                continue;
            }
            if (log[ev].Replaced)
            {
                int by = log[head].ReplacedBy;
                problems.Add(line, null, by >= 0
                    ? $"receipt '{LogFold.Text(receipt)}' ({file} line {log[ev].Line}) was replaced by receipt '{LogFold.Text(log.Receipt(by))}' ({file} line {log[by].Line}); only the last revision counts"
                    : $"receipt '{LogFold.Text(receipt)}' ({file} line {log[ev].Line}) was replaced; only the last revision counts");
                continue;
            }
            int first = Interlocked.CompareExchange(ref _matchedRow[box][ev], r, -1);
            if (first >= 0)
            {
                problems.Add(line, null, $"duplicates line {csv[first].Line} (receipt '{LogFold.Text(receipt)}', envelope '{index.EnvelopeIds[envelope]}')");
                continue;
            }
            var a = csv.Grades(r);
            var b = log.Grades(ev);
            if (a.SequenceEqual(b)) continue;
            for (int p = 0; p < a.Length; p++)
                if (a[p] != b[p])
                {
                    if (problems.Full) problems.CountOnly();
                    else problems.Add(line, index.ProjectIds[envelope][p], $"{Cell(a[p])} for receipt '{LogFold.Text(receipt)}', {file} line {log[ev].Line} has {Cell(b[p])}");
                }
        }
        return problems;
    }

    /// <summary>The box whose log has the receipt, and the receipt's first row there; (-1, -1) when no log has it.</summary>
    private (int Box, int Head) Find(ReadOnlySpan<byte> receipt)
    {
        int hash = RowStore.HashOf(receipt);
        for (int box = 0; box < boxes.Count; box++)
        {
            int head = boxes[box].Fold!.Rows.Find(receipt, hash);
            if (head >= 0) return (box, head);
        }
        return (-1, -1);
    }

    private static int[] Unmatched(int rows)
    {
        var matched = new int[rows];
        Array.Fill(matched, -1);
        return matched;
    }

    private int LowerBound(ReadOnlySpan<byte> receipt, int envelopeRank)
    {
        int lo = 0, hi = csv.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            int c = csv.Receipt(mid).SequenceCompareTo(receipt);
            if (c == 0) c = index.EnvelopeRank[csv[mid].Envelope].CompareTo(envelopeRank);
            if (c < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static string Cell(sbyte grade) => grade switch
    {
        RowStore.Ungraded => "no grade",
        RowStore.Unreadable => "an unreadable grade",
        _ => $"grade {grade}",
    };
}
