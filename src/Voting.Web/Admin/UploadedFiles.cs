using System.Diagnostics.CodeAnalysis;
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
            : file.Length > limit ? new FieldProblem(field, text["FileTooLarge", limit])
            : null;
        return problem is not null;
    }
}
