using System.Globalization;

namespace Voting.Web.Components;

/// <summary>Numbers as the page's language writes them, and as SVG attributes need them.</summary>
internal static class Numbers
{
    public static string Amount(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    public static string Share(long part, long whole) =>
        (whole == 0 ? 0 : (double)part / whole).ToString("P0", CultureInfo.CurrentCulture);

    /// <summary>An SVG coordinate: a dot for the decimals whatever the language.</summary>
    public static string Svg(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
