using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;
using Voting.Web.Resources;

namespace Voting.Web.Admin;

/// <summary>
/// The invitation codes of a roll import, kept in memory only for their one download right after the import, by the
/// administrator who imported them, for a few minutes at most; the form that fetches them posts an unguessable ticket
/// (never in a URL). The codes are never written anywhere: the roll holds only their hashes.
/// </summary>
public sealed class InvitationCodeDownloads(IMemoryCache cache)
{
    public const string Path = "/admin/invitation-codes";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private sealed record Download(string Administrator, string Election, byte[] Csv);

    /// <summary>Keeps the codes of an import for one download; the ticket to fetch them.</summary>
    public string Keep(string administrator, string election, IReadOnlyDictionary<string, string> codes)
    {
        var ticket = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        cache.Set(Key(ticket), new Download(administrator, election, InvitationCodesCsv.Write(codes)), Lifetime);
        return ticket;
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, (HttpContext http, [FromForm(Name = "Ticket")] string? ticket, InvitationCodeDownloads downloads, IStringLocalizer<Text> text) =>
                downloads.Take(http, ticket ?? "", text))
            .RequireAuthorization(OfficialPolicies.Administrator)
            .ExcludeFromDescription();

    private IResult Take(HttpContext http, string ticket, IStringLocalizer<Text> text)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (ticket.Length == 0 || !cache.TryGetValue(Key(ticket), out Download? download) || download is null
            || download.Administrator != http.User.Identity?.Name)
            return Results.Text(text["CodesGone"], "text/plain; charset=utf-8", statusCode: StatusCodes.Status410Gone);
        cache.Remove(Key(ticket));
        return Results.File(download.Csv, InvitationCodesCsv.ContentType, $"{download.Election}-invitation-codes.csv");
    }

    private static string Key(string ticket) => "invitation-codes:" + ticket;
}
