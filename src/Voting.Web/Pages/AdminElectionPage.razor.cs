using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Voting.Core.Elections;
using Voting.Core.Trail;
using Voting.Grains.Contracts;
using Voting.Web.Admin;

namespace Voting.Web.Pages;

/// <summary>
/// One election for its administrators: import its voter roll from a CSV file (and download the invitation codes right
/// then, the only time they are known), open and close the vote, download the record once closed.
/// </summary>
public sealed partial class AdminElectionPage
{
    [Inject]
    private AdminElections Admin { get; set; } = default!;

    [Inject]
    private InvitationCodeDownloads Downloads { get; set; } = default!;

    [Inject]
    private IOptions<VotingWebOptions> Options { get; set; } = default!;

    /// <summary>The election as it is after this request's action.</summary>
    private ElectionInfo? Current => after ?? Election;

    private ElectionInfo? after;
    private List<FieldProblem> rollProblems = [];
    private int? imported;
    private string? ticket;
    private string? refusal;

    private IReadOnlyList<TrailEntry> trail = [];

    protected override async Task OnElectionAsync(ElectionInfo election)
    {
        HttpContext.Response.Headers.CacheControl = "no-store";
        trail = await Admin.Trail(Id);
    }

    private async Task Import()
    {
        if (Election is not { } election)
            return;
        var file = HttpContext.Request.Form.Files.GetFile("RollFile");
        if (UploadedFiles.Refused(file, Options.Value.MaxVoterImportBytes, "roll-file", T, out var unread))
        {
            rollProblems = [unread];
            return;
        }
        using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
        var (voters, lines, csvProblems) = VotersCsv.Read(reader);
        rollProblems = [.. CsvProblems.Describe(csvProblems, "roll-file", T)];
        // A voter listed without envelopes may vote in every one, as with the API.
        var all = election.Definition.Envelopes.Select(e => e.Id).ToArray();
        VoterImport[] roll = [.. voters.Select(v => new VoterImport(v.Id, v.Envelopes ?? all))];
        // The roll's own check, here too, to tie each problem to its line (the grain's answer names them in one text).
        var invalid = RollErrors.Of(election.Definition, [.. roll.Select(v => ((string?)v.Id, (IReadOnlyList<string?>?)v.Envelopes))]);
        rollProblems.AddRange(ProblemPaths.Besides(rollProblems, invalid.Select(p => ProblemPaths.OfRoll(p, lines, "roll-file"))));
        if (rollProblems.Count > 0)
            return;
        var outcome = await Admin.ImportVoters(Id, roll, OfficialActors.SignedIn(HttpContext));
        if (!outcome.Succeeded || outcome.Value is not { } codes)
        {
            rollProblems = [.. (outcome.Problems ?? [outcome.Error ?? outcome.Failure.ToString()]).Select(p => ProblemPaths.OfRoll(p, lines, "roll-file"))];
            return;
        }
        ticket = Downloads.Keep(HttpContext.User.Identity?.Name ?? "", Id, codes);
        imported = codes.Count;
        after = await Elections.Find(Id);
        trail = await Admin.Trail(Id);
    }

    private Task Open() => Transition(() => Admin.Open(Id, OfficialActors.SignedIn(HttpContext)));

    private Task Close() => Transition(() => Admin.Close(Id, OfficialActors.SignedIn(HttpContext)));

    private async Task Transition(Func<Task<Outcome<ElectionInfo>>> transition)
    {
        var outcome = await transition();
        if (outcome.Succeeded)
            Navigation.NavigateTo(AdminLinks.Election(Id));
        else
            refusal = outcome.Error ?? outcome.Failure.ToString();
    }
}
