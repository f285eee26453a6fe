using System.Globalization;

namespace Voting.Core.Pabulib;

/// <summary>Whole numbers as Pabulib writes them: digits, optionally a zero fraction (<c>100000.0</c>).</summary>
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

    /// <summary>Reads a decimal number (<c>50</c>, <c>0.5</c>, <c>-3</c>) with '.' as the separator.</summary>
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

    internal static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
