using System.Globalization;
using System.Text;

namespace Voting.Core.Record;

/// <summary>
/// Which ballot box a receipt belongs to. With several boxes every receipt of box b starts with <c>b-</c>
/// (<c>2-3f9a…</c>), so a receipt names its box and no receipt can be in two boxes; with one box receipts are free.
/// </summary>
public static class BoxReceipts
{
    /// <summary>What every receipt of box <paramref name="box"/> of <paramref name="boxes"/> starts with ("" for a single box).</summary>
    public static string Prefix(int box, int boxes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(boxes, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(box);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(box, boxes);
        return boxes == 1 ? "" : box.ToString(CultureInfo.InvariantCulture) + "-";
    }

    internal static byte[] PrefixBytes(int box, int boxes) => Encoding.ASCII.GetBytes(Prefix(box, boxes));
}
