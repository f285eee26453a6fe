using System.Text;

namespace Voting.Core.Record;

/// <summary>
/// With several ballot boxes, part of the log check: every receipt is of the box whose log has it (it starts with
/// the box's prefix, <see cref="BoxReceipts"/>) and in no other box's log. A finding names the box's log file and
/// the line of the receipt's first event there.
/// </summary>
internal static class BoxReceiptCheck
{
    public static void Run(IReadOnlyList<BoxLogPass> boxes, FindingList findings)
    {
        if (boxes.Count == 1) return;
        for (int box = 0; box < boxes.Count; box++)
        {
            if (boxes[box].Fold is not { } fold) continue;
            var prefix = BoxReceipts.PrefixBytes(box, boxes.Count);
            var rows = fold.Rows;
            for (int row = 0; row < rows.Count; row++)
            {
                var receipt = rows.Receipt(row);
                if (rows.Find(receipt, rows[row].Hash) != row) continue; // another envelope of a receipt already seen
                if (!receipt.StartsWith(prefix))
                    findings.Add(boxes[box].File, rows[row].Line, "receipt",
                        $"'{LogFold.Text(receipt)}' is not a receipt of box {box}: the receipts of box {box} start with '{Encoding.ASCII.GetString(prefix)}'");
                for (int earlier = 0; earlier < box; earlier++)
                {
                    if (boxes[earlier].Fold?.Rows is not { } other) continue;
                    int first = other.Find(receipt, rows[row].Hash);
                    if (first >= 0)
                        findings.Add(boxes[box].File, rows[row].Line, "receipt",
                            $"'{LogFold.Text(receipt)}' is also in {boxes[earlier].File} (line {other[first].Line}): a receipt is in one box only");
                }
            }
        }
    }
}
