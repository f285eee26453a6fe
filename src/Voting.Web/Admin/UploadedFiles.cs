using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;
using Voting.Web.Resources;

namespace Voting.Web.Admin;

/// <summary>The files of the administrators' forms: what keeps one from being read, in the page's language.</summary>
internal static class UploadedFiles
{
    /// <summary>Whether <paramref name="file"/> is not read, and why: none was chosen, or it is larger than <paramref name="limit"/> bytes.</summary>
    public static bool Refused([NotNullWhen(false)] IFormFile? file, long limit, string field, IStringLocalizer<Text> text, [NotNullWhen(true)] out FieldProblem? problem)
    {
        problem = file is null || file.Length == 0 ? new FieldProblem(field, text["FileMissing"])
            : file.Length > limit ? new FieldProblem(field, TooLarge(limit, text))
            : null;
        return problem is not null;
    }

    /// <summary>
    /// The attributes that let <c>admin.js</c> refuse a file larger than <paramref name="limit"/> bytes as soon as it is
    /// chosen, with the message the server would give: a file much larger than the form takes is never read by the
    /// server, and sending it would end in a broken connection.
    /// </summary>
    public static IReadOnlyDictionary<string, object> LimitAttributes(long limit, IStringLocalizer<Text> text) =>
        new Dictionary<string, object> { ["data-max-bytes"] = limit, ["data-too-large"] = TooLarge(limit, text) };

    private static string TooLarge(long limit, IStringLocalizer<Text> text) => text["FileTooLarge", Size(limit, text)];

    /// <summary>A size as people read it, exact: <c>64 MiB</c>, <c>512 KiB</c>, or a number of bytes.</summary>
    private static string Size(long bytes, IStringLocalizer<Text> text) =>
        bytes % (1 << 20) == 0 ? text["SizeMiB", bytes >> 20]
        : bytes % (1 << 10) == 0 ? text["SizeKiB", bytes >> 10]
        : text["SizeBytes", bytes.ToString("N0", CultureInfo.CurrentCulture)];
}
