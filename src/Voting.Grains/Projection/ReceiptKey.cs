using System.Globalization;

namespace Voting.Grains.Projection;

/// <summary>A receipt (32 lowercase hex digits) as the 128-bit number the projection keys it by.</summary>
internal static class ReceiptKey
{
    public const int Length = 32;

    public static bool TryParse(string? receipt, out UInt128 key)
    {
        key = default;
        if (receipt is null || receipt.Length != Length) return false;
        foreach (var c in receipt)
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f')) return false;
        return UInt128.TryParse(receipt, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out key);
    }

    public static UInt128 Parse(string receipt) =>
        TryParse(receipt, out var key) ? key : throw new FormatException($"'{receipt}' is not a receipt (32 lowercase hex digits)");

    public static string Format(UInt128 key) => key.ToString("x32", CultureInfo.InvariantCulture);
}
