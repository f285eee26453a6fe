using Microsoft.AspNetCore.Http;

namespace Voting.Web;

/// <summary>
/// A cookie scoped to the election of the request's page: path <c>/elections/{id}</c>, so the browser sends it to that
/// election's pages only, whether it is being set, renewed or deleted.
/// </summary>
internal sealed class ElectionCookieBuilder : CookieBuilder
{
    private const string Elections = "/elections";

    public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
    {
        var options = base.Build(context, expiresFrom);
        options.Path = PathOf(context.Request);
        return options;
    }

    /// <summary>"/elections/{id}" of a request under it (after the path base); the path base's "/elections" otherwise.</summary>
    public static string PathOf(HttpRequest request)
    {
        var electionsPath = request.PathBase.Add(Elections);
        if (!request.Path.StartsWithSegments(Elections, out var rest) || !rest.HasValue)
            return electionsPath.Value!;
        var id = rest.Value![1..];
        var slash = id.IndexOf('/');
        return electionsPath.Value + "/" + Uri.EscapeDataString(slash < 0 ? id : id[..slash]);
    }
}
