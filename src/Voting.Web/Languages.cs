using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Localization;

namespace Voting.Web;

/// <summary>The residents' languages: English (the default), French, Spanish.</summary>
public static class Languages
{
    public static IReadOnlyList<Language> All { get; } =
    [
        new(Culture("en", group: ",", decimalPoint: ".", percentPattern: 1), "English"),
        new(Culture("fr", group: "\u202F", decimalPoint: ",", percentPattern: 0), "Français"),
        new(Culture("es", group: ".", decimalPoint: ",", percentPattern: 0), "Español"),
    ];

    /// <summary>The code of the request's language ("en", "fr" or "es").</summary>
    public static string Current => CultureInfo.CurrentUICulture.Name;

    public static Language? Find(string code) => All.FirstOrDefault(l => l.Code == code);

    /// <summary>The language chosen with the switch (a cookie), else the first of Accept-Language that the pages speak, else English.</summary>
    internal static void Configure(RequestLocalizationOptions options)
    {
        var cultures = All.Select(l => l.Culture).ToList();
        options.SupportedCultures = cultures;
        options.SupportedUICultures = cultures;
        options.DefaultRequestCulture = new RequestCulture(cultures[0]);
        options.RequestCultureProviders = [new CookieRequestCultureProvider(), new PrimaryLanguageProvider()];
    }

    // The processes run with invariant globalization (no locale data: the count never depends on the machine), so a
    // culture is a name over invariant data, and the number formats the pages use are set here.
    private static CultureInfo Culture(string name, string group, string decimalPoint, int percentPattern)
    {
        var culture = new CultureInfo(name);
        var numbers = culture.NumberFormat;
        numbers.NumberGroupSeparator = numbers.PercentGroupSeparator = group;
        numbers.NumberDecimalSeparator = numbers.PercentDecimalSeparator = decimalPoint;
        numbers.PercentPositivePattern = percentPattern;
        return CultureInfo.ReadOnly(culture);
    }
}
