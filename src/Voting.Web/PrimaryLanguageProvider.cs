using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Primitives;

namespace Voting.Web;

/// <summary>
/// Accept-Language read by primary language: "fr-CA" asks for French. The middleware's own fallback to a parent
/// culture cannot do it, since under invariant globalization "fr-CA" has no parent but the invariant culture.
/// </summary>
internal sealed class PrimaryLanguageProvider : AcceptLanguageHeaderRequestCultureProvider
{
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var asked = await base.DetermineProviderCultureResult(httpContext);
        return asked is null ? null : new ProviderCultureResult(asked.Cultures.Select(Primary).ToList(), asked.UICultures.Select(Primary).ToList());
    }

    private static StringSegment Primary(StringSegment tag)
    {
        var dash = tag.IndexOf('-');
        return dash < 0 ? tag : tag.Subsegment(0, dash);
    }
}
