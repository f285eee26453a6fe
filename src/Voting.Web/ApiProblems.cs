using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Voting.Core.Text;

namespace Voting.Web;

/// <summary>
/// The one place the API's errors are built: RFC 9457 problem details (<c>application/problem+json</c>) with
/// <c>status</c> and <c>title</c>, the reason in <c>detail</c> and, as clients have always read it, in <c>error</c>;
/// and where a request had several problems, <c>errors</c> by path.
/// </summary>
public static class ApiProblems
{
    /// <summary>The longest reason a problem carries; each quoted piece of input is already an excerpt.</summary>
    public const int MaxErrorLength = 512;

    public static ProblemDetails Details(int status, string error, IReadOnlyList<string>? problems = null)
    {
        var details = problems is { Count: > 0 } ? new HttpValidationProblemDetails(ByPath(problems)) : new ProblemDetails();
        error = Excerpt.Of(error, MaxErrorLength);
        details.Status = status;
        details.Title = ReasonPhrases.GetReasonPhrase(status);
        details.Detail = error;
        details.Extensions["error"] = error;
        return details;
    }

    /// <summary>The problem as an endpoint's result.</summary>
    public static IResult Result(int status, string error, IReadOnlyList<string>? problems = null) =>
        TypedResults.Problem(Details(status, error, problems));

    /// <summary>Answers the request with the problem (from middleware, where there is no endpoint result).</summary>
    public static Task Write(HttpContext context, int status, string error) =>
        Result(status, error).ExecuteAsync(context);

    /// <summary>Problems written <c>path: reason</c> (as Voting.Core names them), grouped by path.</summary>
    private static Dictionary<string, string[]> ByPath(IReadOnlyList<string> problems) =>
        problems
            .Select(problem => problem.IndexOf(": ", StringComparison.Ordinal) is var colon and > 0
                ? (Path: problem[..colon], Reason: problem[(colon + 2)..])
                : (Path: "", Reason: problem))
            .GroupBy(p => p.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => Excerpt.Of(p.Reason, MaxErrorLength)).ToArray(), StringComparer.Ordinal);
}
