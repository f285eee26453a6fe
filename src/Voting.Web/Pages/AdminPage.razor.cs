using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Voting.Core.Elections;
using Voting.Core.Grades;
using Voting.Core.Json;
using Voting.Grains.Contracts;
using Voting.Web.Admin;

namespace Voting.Web.Pages;

/// <summary>
/// The administrators' page: the elections in every status, and the two ways to create one: the form (whose projects
/// come from a CSV file) or a definition JSON file as the API takes it. Either way the definition goes through the
/// engine's one check; every problem comes back at once, tied to its field, with what was typed kept.
/// </summary>
public sealed partial class AdminPage
{
    public const string DefaultEnvelope = "main";

    [Inject]
    private PublicElections Elections { get; set; } = default!;

    [Inject]
    private AdminElections Admin { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IOptions<VotingWebOptions> Options { get; set; } = default!;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "create")] private string? ElectionId { get; set; }
    [SupplyParameterFromForm(FormName = "create")] private string? TitleEn { get; set; }
    [SupplyParameterFromForm(FormName = "create")] private string? TitleFr { get; set; }
    [SupplyParameterFromForm(FormName = "create")] private string? TitleEs { get; set; }
    [SupplyParameterFromForm(FormName = "create")] private string? Kind { get; set; }
    [SupplyParameterFromForm(FormName = "create")] private string? Scale { get; set; }
    [SupplyParameterFromForm(FormName = "create")] private string? Balancing { get; set; }
    [SupplyParameterFromForm(FormName = "create")] private string? EnvelopeId { get; set; }
    [SupplyParameterFromForm(FormName = "create")] private string? EnvelopeTitle { get; set; }
    [SupplyParameterFromForm(FormName = "create")] private string? Budget { get; set; }
    [SupplyParameterFromForm(FormName = "create")] private string? ProjectsText { get; set; }

    private IReadOnlyList<ElectionInfo> elections = [];
    private List<FieldProblem> problems = [];
    private List<FieldProblem> uploadProblems = [];

    private ElectionKind ChosenKind => Kind == KindName(ElectionKind.Question) ? ElectionKind.Question : ElectionKind.Budget;

    private string ChosenScale => GradeScales.Find(Scale) is null ? GradeScales.All[0].Name : Scale!;

    private string ChosenBalancing => Balancing ?? "static:0";

    private IEnumerable<(string Policy, string Text)> BalancingChoices =>
    [
        ("static:0", T["BalancingStatic"]),
        ("median", T["BalancingMedian"]),
        ("normalize", T["BalancingNormalize"]),
    ];

    private static string KindName(ElectionKind kind) => kind.ToString().ToLowerInvariant();

    protected override async Task OnInitializedAsync()
    {
        HttpContext.Response.Headers.CacheControl = "no-store";
        elections = await Elections.List(HttpContext);
    }

    private async Task Create()
    {
        // The projects become part of the definition, which the API takes up to this size too.
        if (HttpContext.Request.Form.Files.GetFile("ProjectsFile") is { Length: > 0 } projectsFile
            && UploadedFiles.Refused(projectsFile, Options.Value.MaxDefinitionBytes, ElectionFields.Projects, T, out var tooLarge))
        {
            problems = [tooLarge];
            return;
        }
        var (projects, lines, csvProblems) = ProjectsCsv.Read(new StringReader(await ProjectsCsvText()));
        problems = [.. CsvProblems.Describe(csvProblems, ElectionFields.Projects, T)];
        long? budget = null;
        if (!string.IsNullOrWhiteSpace(Budget))
        {
            if (long.TryParse(Budget.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var amount))
                budget = amount;
            else
                problems.Add(new FieldProblem(ElectionFields.Budget, T["NotAWholeNumber"]));
        }
        var envelopeId = EnvelopeId?.Trim() ?? "";
        var definition = new ElectionDefinition(
            ElectionId?.Trim() ?? "",
            Texts(("en", TitleEn), ("fr", TitleFr), ("es", TitleEs)),
            ChosenKind,
            (GradeScales.Find(Scale) ?? GradeScales.All[0].Scale).Labels,
            [new EnvelopeDefinition(envelopeId, projects, budget, Title: string.IsNullOrWhiteSpace(EnvelopeTitle) ? null : LocalizedText.Plain(EnvelopeTitle.Trim()))],
            ChosenBalancing);
        if (problems.Count > 0)
        {
            // Nothing goes to the grain, but the definition's own check still names every other problem now.
            problems.AddRange(ProblemPaths.Besides(problems, DefinitionErrors.Of(definition).Select(p => ProblemPaths.OfDefinition(p, lines))));
            return;
        }
        var outcome = await Admin.Create(definition, OfficialActors.SignedIn(HttpContext));
        if (outcome.Succeeded)
        {
            Navigation.NavigateTo(AdminLinks.Election(definition.Id));
            return;
        }
        problems = outcome.Problems is { Count: > 0 } named
            ? [.. named.Select(p => ProblemPaths.OfDefinition(p, lines))]
            : [ProblemPaths.OfDefinition(outcome.Error ?? outcome.Failure.ToString(), lines) with { Field = Field(outcome.Failure) }];
    }

    private async Task Upload()
    {
        var file = HttpContext.Request.Form.Files.GetFile("DefinitionFile");
        if (UploadedFiles.Refused(file, Options.Value.MaxDefinitionBytes, "definition-file", T, out var refusal))
        {
            uploadProblems = [refusal];
            return;
        }
        using var bytes = new MemoryStream();
        await file.CopyToAsync(bytes);
        var (definition, error) = JsonBody.Parse<ElectionDefinition>(bytes.ToArray());
        if (definition is null)
        {
            uploadProblems = [new FieldProblem("definition-file", error ?? "")];
            return;
        }
        var outcome = await Admin.Create(definition, OfficialActors.SignedIn(HttpContext));
        if (outcome.Succeeded)
            Navigation.NavigateTo(AdminLinks.Election(definition.Id));
        else
            uploadProblems = [.. (outcome.Problems ?? [outcome.Error ?? outcome.Failure.ToString()]).Select(p => new FieldProblem("definition-file", p))];
    }

    /// <summary>The projects CSV: the file when one was chosen (shown in the text area afterwards, so a retry keeps it), else the text area.</summary>
    private async Task<string> ProjectsCsvText()
    {
        if (HttpContext.Request.Form.Files.GetFile("ProjectsFile") is { Length: > 0 } file)
        {
            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
            ProjectsText = await reader.ReadToEndAsync();
        }
        return ProjectsText ?? "";
    }

    private static string Field(Failure failure) => failure == Failure.AlreadyExists ? ElectionFields.Id : ElectionFields.Form;

    private static LocalizedText Texts(params (string Language, string? Text)[] texts) =>
        new(texts.Where(t => !string.IsNullOrWhiteSpace(t.Text)).ToDictionary(t => t.Language, t => t.Text!.Trim()));

    private IReadOnlyList<FieldProblem> Of(string field) => problems.Where(p => p.Field == field).ToArray();

    private static string Errors(string field) => field + "-errors";

    private string? Invalid(string field) => problems.Any(p => p.Field == field) ? "true" : null;

    /// <summary>The ids that describe a field: its hint, then its problems when it has some.</summary>
    private string? Described(string field, string? hint = null)
    {
        var ids = new[] { hint, problems.Any(p => p.Field == field) ? Errors(field) : null }.OfType<string>().ToArray();
        return ids.Length == 0 ? null : string.Join(' ', ids);
    }
}
