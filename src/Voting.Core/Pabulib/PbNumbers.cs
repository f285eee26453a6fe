using System.Globalization;

namespace Voting.Core.Pabulib;

/// <summary>Numbers as Pabulib writes them: whole numbers for points and counts, decimals for money (<c>1500000.50</c>).</summary>
public static class PbNumbers
{
    /// <summary>
    /// Reads an integer such as <c>-12</c>, <c>100000</c> or <c>100000.0</c>. A fraction other than zero,
    /// exponents, thousands separators or anything that is not a number are refused.
    /// </summary>
    public static bool TryParseWhole(string? text, out long value)
    {
        value = 0;
        if (text is null)
            return false;
        var s = text.AsSpan().Trim();
        if (s.IsEmpty)
            return false;
        int dot = s.IndexOf('.');
        if (dot >= 0)
        {
            var fraction = s[(dot + 1)..];
            foreach (var ch in fraction)
                if (ch != '0')
                    return false;
            s = s[..dot];
            if (s.IsEmpty || s is "-" or "+")
                return false;
        }
        int start = s[0] is '-' or '+' ? 1 : 0;
        if (start == s.Length)
            return false;
        for (int i = start; i < s.Length; i++)
            if (s[i] is < '0' or > '9')
                return false;
        return long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// Reads a decimal number (<c>50</c>, <c>0.5</c>, <c>1500000.50</c>, <c>-3</c>) exactly, with '.' as the
    /// separator. A comma is refused: in <c>1,000</c> it may separate thousands or decimals.
    /// </summary>
    public static bool TryParseDecimal(string? text, out decimal value)
    {
        value = 0;
        if (text is null)
            return false;
        var s = text.AsSpan().Trim();
        if (s.IsEmpty)
            return false;
        foreach (var ch in s)
            if (ch is not ((>= '0' and <= '9') or '.' or '-' or '+'))
                return false;
        return decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>How many decimals <paramref name="value"/> needs: 2 for <c>0.25</c>, 1 for <c>0.5</c> or <c>0.50</c>, 0 for <c>100.0</c>.</summary>
    public static int Decimals(decimal value)
    {
        int decimals = 0;
        while (value != decimal.Truncate(value))
        {
            value *= 10;
            decimals++;
        }
        return decimals;
    }

    internal static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The number as it was read (<c>1500000.50</c> keeps its zero).</summary>
    internal static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
