using Microsoft.Extensions.Localization;
using Voting.Web.Resources;

namespace Voting.Web.Admin;

/// <summary>A CSV file's problems in the page's language, tied to a form field.</summary>
internal static class CsvProblems
{
    public static IEnumerable<FieldProblem> Describe(IEnumerable<CsvProblem> problems, string field, IStringLocalizer<Text> text) =>
        problems.Select(p => new FieldProblem(field, text["Csv" + p.Kind, p.Column ?? "", p.Value ?? ""], p.Line, p.Column));
}
