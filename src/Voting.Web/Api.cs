using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Voting.Core.Elections;
using Voting.Core.Json;
using Voting.Core.Record;
using Voting.Core.Results;
using Voting.Core.Trail;
using Voting.Core.Text;
using Voting.Grains.Contracts;
using Voting.Grains.Interfaces;
using Voting.Grains.Boxes;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace Voting.Web;

/// <summary>The JSON HTTP API under <c>/api</c>.</summary>
internal static class Api
{
    private const string Json = "application/json";
    private const string Zip = "application/zip";
    private const string Problem = "application/problem+json";
    private const string NoInvitationCode = "send your invitation code as Authorization: Bearer <code>";

    public static IResult Ok<T>(T value, int status = StatusCodes.Status200OK) =>
        HttpResults.Json(value, VotingJson.Options, Json, status);

    public static IResult Fail<T>(Outcome<T> outcome) => ApiProblems.Result(StatusOf(outcome.Failure), outcome.Error ?? outcome.Failure.ToString(), outcome.Problems);

    public static int StatusOf(Failure failure) => failure switch
    {
        Failure.NotFound => StatusCodes.Status404NotFound,
        Failure.AlreadyExists => StatusCodes.Status409Conflict,
        Failure.Invalid => StatusCodes.Status400BadRequest,
        Failure.NotOpen => StatusCodes.Status409Conflict,
        Failure.Closed => StatusCodes.Status409Conflict,
        Failure.Unauthorized => StatusCodes.Status401Unauthorized,
        Failure.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static IResult UnknownElection(string id) => ApiProblems.Result(StatusCodes.Status404NotFound, $"unknown election '{Excerpt.Of(id)}'");

    /// <summary>Whether the request is for the API, under <c>/api</c>.</summary>
    public static bool Serves(HttpRequest request) => request.Path.StartsWithSegments(Prefix);

    private const string Prefix = "/api";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Prefix).WithTags("Elections");

        var official = api.MapGroup("").AddEndpointFilter(RequireOfficial).WithMetadata(RateLimit.Official, BearerMetadata.Required);

        official.MapPost("/login", () => Ok(new LoginResponse("official")))
            .WithMetadata(RateLimit.OfficialSignIn)
            .WithName("Login").WithTags("Officials")
            .WithSummary("Checks an official's token (Authorization: Bearer <token>).")
            .WithDescription("Answers the role `official` when the bearer is the official token, 401 otherwise. " +
                "Limited per client address and per token presented (`Voting:RateLimiting`): a client that keeps guessing gets 429.")
            .Produces<LoginResponse>().Produces<ApiError>(401, Problem).Produces<ApiError>(429, Problem);

        official.MapPost("/elections", CreateElection)
            .WithName("CreateElection").WithSummary("Defines an election (official).")
            .WithDescription("The body is the election's definition; the election starts as a draft, its definition fixed once the vote opens. " +
                "An invalid definition gets 400 with every problem listed in `errors`; a taken id gets 409.")
            .Accepts<ElectionDefinition>(Json)
            .Produces<ElectionView>(201).Produces<ApiError>(400, Problem).Produces<ApiError>(401, Problem).Produces<ApiError>(409, Problem)
            .Produces<ApiError>(413, Problem).Produces<ApiError>(415, Problem).Produces<ApiError>(429, Problem);

        api.MapGet("/elections", ListElections)
            .WithName("ListElections").WithSummary("Every election, with its status.")
            .WithDescription("Public: id, title, kind, status and number of registered voters of each election.")
            .Produces<ElectionSummary[]>();

        api.MapGet("/elections/{id}", GetElection)
            .WithName("GetElection").WithSummary("An election's definition and status.")
            .WithDescription("Public: the definition as created, the status and the number of registered voters.")
            .Produces<ElectionView>().Produces<ApiError>(404, Problem);

        official.MapPost("/elections/{id}/voters", ImportVoters)
            .WithName("ImportVoters").WithSummary("Adds voters to the roll and returns each one's invitation code, once (official).")
            .WithDescription("Each listed voter gets an invitation code, returned in this answer only (the engine keeps only its hash). " +
                "A voter listed without envelopes may vote in every envelope. Voters can be added until the vote closes.")
            .Accepts<VoterImportRequest>(Json)
            .Produces<VoterImportResponse>().Produces<ApiError>(400, Problem).Produces<ApiError>(401, Problem).Produces<ApiError>(404, Problem)
            .Produces<ApiError>(409, Problem).Produces<ApiError>(413, Problem).Produces<ApiError>(415, Problem).Produces<ApiError>(429, Problem);

        official.MapPost("/elections/{id}/open", (string id, HttpContext http, IGrainFactory grains) => Transition(id, grains, g => g.Open(OfficialActors.Token(http))))
            .WithName("OpenElection").WithSummary("Opens the vote; the definition freezes (official).")
            .WithDescription("From now on residents cast ballots, and the definition can no longer change.")
            .Produces<ElectionView>().Produces<ApiError>(401, Problem).Produces<ApiError>(404, Problem).Produces<ApiError>(409, Problem).Produces<ApiError>(429, Problem);

        official.MapPost("/elections/{id}/close", (string id, HttpContext http, IGrainFactory grains) => Transition(id, grains, g => g.Close(OfficialActors.Token(http))))
            .WithName("CloseElection").WithSummary("Closes the vote; the results become public (official).")
            .WithDescription("Ballots are refused from now on; the final results and the election record become public.")
            .Produces<ElectionView>().Produces<ApiError>(401, Problem).Produces<ApiError>(404, Problem).Produces<ApiError>(409, Problem).Produces<ApiError>(429, Problem);

        official.MapGet("/elections/{id}/trail", GetTrail)
            .WithName("GetElectionTrail")
            .WithSummary("The audit trail of the election: each official action (create, import, open, close) with when, who and from where (official).")
            .WithDescription("Oldest first; the same entries as the record's trail.jsonl.")
            .Produces<TrailEntry[]>().Produces<ApiError>(401, Problem).Produces<ApiError>(404, Problem).Produces<ApiError>(429, Problem);

        official.MapGet("/officials/trail", async (IGrainFactory grains) => Ok(await grains.GetGrain<IOfficialsGrain>(0).Trail()))
            .WithName("GetAccountsTrail").WithTags("Officials")
            .WithSummary("The audit trail of the officials' accounts: each account added, with when, who and from where (official).")
            .WithDescription("Oldest first.")
            .Produces<TrailEntry[]>().Produces<ApiError>(401, Problem).Produces<ApiError>(429, Problem);

        api.MapPost("/elections/{id}/ballots", CastBallot)
            .WithMetadata(RateLimit.Cast, BearerMetadata.Required)
            .WithName("CastBallot").WithTags("Residents")
            .WithSummary("Casts or replaces a ballot (Authorization: Bearer <invitation code>); the last ballot counts.")
            .WithDescription("The body gives a grade index (0 the worst grade) to projects of the envelopes the resident may vote in. " +
                "Until the vote closes a new ballot replaces the previous one; the answer gives the receipt and revision of this one. " +
                "Limited per client address and per invitation code (`Voting:RateLimiting`).")
            .Accepts<BallotRequest>(Json)
            .Produces<BallotResponse>(201).Produces<ApiError>(400, Problem).Produces<ApiError>(401, Problem).Produces<ApiError>(403, Problem)
            .Produces<ApiError>(404, Problem).Produces<ApiError>(409, Problem).Produces<ApiError>(413, Problem).Produces<ApiError>(415, Problem).Produces<ApiError>(429, Problem).Produces<ApiError>(503, Problem);

        api.MapGet("/elections/{id}/ballot", GetBallot)
            .WithMetadata(RateLimit.Cast, BearerMetadata.Required)
            .WithName("GetBallot").WithTags("Residents")
            .WithSummary("The resident's ballot as it counts: grades per project as cast, receipt and revision (Authorization: Bearer <invitation code>).")
            .WithDescription("The ballot that counts for the resident whose invitation code is the bearer, or 404 when they have not voted.")
            .Produces<BallotView>().Produces<ApiError>(401, Problem).Produces<ApiError>(404, Problem).Produces<ApiError>(429, Problem);

        api.MapGet("/elections/{id}/results", GetResults)
            .WithMetadata(BearerMetadata.Optional)
            .WithName("GetResults")
            .WithSummary("Ranking, majority grades, merit profiles and allocation per envelope: live for officials, public once closed.")
            .WithDescription("Once the vote is closed anyone may read them; while it is open only officials, with the official token, see the live, exact count.")
            .Produces<ElectionResults>().Produces<ApiError>(401, Problem).Produces<ApiError>(403, Problem).Produces<ApiError>(404, Problem);

        api.MapGet("/elections/{id}/record", GetRecord)
            .WithName("GetRecord").WithTags("Auditors")
            .WithSummary("The election record as a zip (definition, hash-chained log, counted ballots, results, Pabulib files, audit trail, manifest; see docs/record.md), public once the vote is closed.")
            .WithDescription("Streamed as it is written; docs/record.md describes its files. 409 while the vote is not closed.")
            .Produces(StatusCodes.Status200OK, contentType: Zip)
            .Produces<ApiError>(404, Problem).Produces<ApiError>(409, Problem).Produces<ApiError>(503, Problem);

        api.MapGet("/elections/{id}/receipts/{receipt}", GetReceipt)
            .WithName("GetReceipt").WithTags("Residents")
            .WithSummary("Whether a receipt's ballot is counted or was replaced (never its grades).")
            .WithDescription("Public: whether the receipt's ballot counts or was replaced by a later one of the same resident, and its envelopes; never its grades.")
            .Produces<ReceiptView>().Produces<ApiError>(404, Problem);
    }

    private static async ValueTask<object?> RequireOfficial(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var official = await http.AuthenticateAsync(OfficialBearer.SchemeName);
        if (official.None)
            return NoBearer(http, "this is an official's request: send Authorization: Bearer <official token>");
        if (!official.Succeeded)
            return InvalidToken(http, "the official token is not valid");
        return await next(context);
    }

    /// <summary>401 for a request without the bearer it needs, with the challenge that names the scheme.</summary>
    private static IResult NoBearer(HttpContext http, string error)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return ApiProblems.Result(StatusCodes.Status401Unauthorized, error);
    }

    /// <summary>401 for a bearer that is not the expected token.</summary>
    private static IResult InvalidToken(HttpContext http, string error)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        return ApiProblems.Result(StatusCodes.Status401Unauthorized, error);
    }

    private static async Task<bool> IsOfficial(HttpContext http) => (await http.AuthenticateAsync(OfficialBearer.SchemeName)).Succeeded;

    private static async Task<IResult> CreateElection(HttpContext http, IGrainFactory grains, IOptions<VotingWebOptions> options)
    {
        var (definition, error) = await JsonBody.Read<ElectionDefinition>(http, options.Value.MaxDefinitionBytes);
        if (error is not null || definition is null)
            return error!;
        // Named here, before any grain: a malformed id is no grain's key, and a definition without a kind cannot travel to one.
        if (DefinitionErrors.Of(definition) is { Count: > 0 } problems)
            return Fail(Outcome<ElectionInfo>.Fail(Failure.Invalid, "invalid definition", problems));
        var outcome = await grains.GetGrain<IElectionGrain>(definition.Id).Create(definition, OfficialActors.Token(http));
        if (!outcome.Succeeded)
            return Fail(outcome);
        if (outcome.Value is not { } info)
            return ApiProblems.Result(StatusCodes.Status500InternalServerError, "the election was created but could not be read back");
        return new Created(Ok(ElectionView.Of(info), StatusCodes.Status201Created), $"{Prefix}/elections/{Uri.EscapeDataString(info.Definition.Id)}");
    }

    private static async Task<IResult> ListElections(HttpContext http, PublicElections elections) =>
        Ok((await elections.List(http)).Select(ElectionSummary.Of).ToArray());

    private static async Task<IResult> GetElection(string id, HttpContext http, PublicElections elections) =>
        await elections.Find(id, http) is { } info ? Ok(ElectionView.Of(info)) : UnknownElection(id);

    /// <summary>The election's grain and what it holds; no info for a malformed id, an unknown election or a draft the caller may not see.</summary>
    private static async Task<(IElectionGrain Grain, ElectionInfo? Info)> Find(string id, HttpContext http, IGrainFactory grains) =>
        (grains.GetGrain<IElectionGrain>(id), await http.RequestServices.GetRequiredService<PublicElections>().Find(id, http));

    private static async Task<IResult> ImportVoters(string id, HttpContext http, IGrainFactory grains, IOptions<VotingWebOptions> options)
    {
        if (!DefinitionErrors.IsValidId(id))
            return UnknownElection(id);
        var (request, error) = await JsonBody.Read<VoterImportRequest>(http, options.Value.MaxVoterImportBytes);
        if (error is not null)
            return error;
        var grain = grains.GetGrain<IElectionGrain>(id);
        var info = await grain.Get();
        if (info is null)
            return UnknownElection(id);
        var all = info.Definition.Envelopes.Select(e => e.Id).ToArray();
        // A voter listed without envelopes may vote in every one.
        var rows = (request!.Voters ?? []).Select(v => new VoterImport(v?.Id!, v?.Envelopes ?? all)).ToArray();
        var outcome = await grain.ImportVoters(rows, OfficialActors.Token(http));
        if (!outcome.Succeeded)
            return Fail(outcome);
        http.Response.Headers.CacheControl = "no-store";
        return Ok(new VoterImportResponse(outcome.Value ?? new Dictionary<string, string>()));
    }

    private static async Task<IResult> Transition(string id, IGrainFactory grains, Func<IElectionGrain, Task<Outcome<ElectionInfo>>> transition)
    {
        if (!DefinitionErrors.IsValidId(id))
            return UnknownElection(id);
        var outcome = await transition(grains.GetGrain<IElectionGrain>(id));
        return outcome is { Succeeded: true, Value: { } info } ? Ok(ElectionView.Of(info)) : Fail(outcome);
    }

    private static async Task<IResult> GetTrail(string id, IGrainFactory grains)
    {
        var trail = DefinitionErrors.IsValidId(id) ? await grains.GetGrain<IElectionGrain>(id).Trail() : null;
        return trail is null ? UnknownElection(id) : Ok(trail);
    }

    private static async Task<IResult> CastBallot(string id, HttpContext http, BallotBoxes boxes, IOptions<VotingWebOptions> options)
    {
        using var activity = Telemetry.WebActivities.StartCast(id);
        if (!DefinitionErrors.IsValidId(id))
            return UnknownElection(id);
        if (Bearer.From(http.Request) is not { } code)
            return NoBearer(http, NoInvitationCode);
        var (ballot, error) = await JsonBody.Read<BallotRequest>(http, options.Value.MaxBallotBytes);
        if (error is not null)
            return error;
        if (await boxes.Find(id, code) is not { } found)
            return UnknownElection(id);
        var outcome = await CastRetry.Run(() => found.Box.Cast(found.VoterKey, ballot!.Grades ?? new Dictionary<string, int>()), http);
        if (!outcome.Succeeded || outcome.Value is not { } receipt)
            return Fail(outcome);
        http.Response.Headers.CacheControl = "no-store";
        return new Created(
            Ok(new BallotResponse(receipt.Receipt, receipt.Revision), StatusCodes.Status201Created),
            $"{Prefix}/elections/{Uri.EscapeDataString(id)}/receipts/{Uri.EscapeDataString(receipt.Receipt)}");
    }

    private static async Task<IResult> GetBallot(string id, HttpContext http, BallotBoxes boxes)
    {
        if (!DefinitionErrors.IsValidId(id))
            return UnknownElection(id);
        if (Bearer.From(http.Request) is not { } code)
            return NoBearer(http, NoInvitationCode);
        if (await boxes.Find(id, code) is not { } found)
            return UnknownElection(id);
        var outcome = await found.Box.Grain.Ballot(found.VoterKey);
        if (!outcome.Succeeded || outcome.Value is not { } ballot)
            return Fail(outcome);
        http.Response.Headers.CacheControl = "no-store";
        return Ok(new BallotView(ballot.Receipt, ballot.Revision, ballot.Grades));
    }

    private static async Task<IResult> GetResults(string id, HttpContext http, IGrainFactory grains)
    {
        var (grain, info) = await Find(id, http, grains);
        if (info is null)
            return UnknownElection(id);
        if (info.Status != ElectionStatus.Closed)
        {
            var bearer = Bearer.From(http.Request);
            if (bearer is null)
                return ApiProblems.Result(StatusCodes.Status403Forbidden,
                    $"the results of '{id}' are published when the vote closes (it is {info.Status.ToString().ToLowerInvariant()}); officials see them live with their token");
            if (!await IsOfficial(http))
                return InvalidToken(http, "the official token is not valid; live results are for officials until the vote closes");
            http.Response.Headers.CacheControl = "no-store";
        }
        var results = await grain.Results() ?? EmptyResults(info.Definition);
        // The bytes of the record's results.json (and of `voting-audit recount`): indented, the same serializer.
        return HttpResults.Bytes(JsonSerializer.SerializeToUtf8Bytes(results, VotingJson.Indented), Json);
    }

    private static async Task<IResult> GetRecord(string id, HttpContext http, IGrainFactory grains)
    {
        var (grain, info) = await Find(id, http, grains);
        if (info is null)
            return UnknownElection(id);
        if (info.Status != ElectionStatus.Closed)
            return ApiProblems.Result(StatusCodes.Status409Conflict,
                $"the record of '{id}' is published when the vote closes (it is {info.Status.ToString().ToLowerInvariant()})");
        var definition = await grain.StoredDefinition();
        var results = await grain.Results();
        var trail = await grain.Trail();
        if (definition is null || results is null || trail is null)
            return ApiProblems.Result(StatusCodes.Status500InternalServerError, $"the definition, the final results or the audit trail of '{id}' could not be read");
        var logs = BallotBox.All(id, info.BallotBoxes).Select(box => grains.GetGrain<IBallotBoxGrain>(box.GrainKey)).ToArray();
        return new RecordDownload(id, definition, logs, results, trail);
    }

    public static ElectionResults EmptyResults(ElectionDefinition definition) =>
        ElectionCount.Count(new ElectionTally(definition), 0);

    private static async Task<IResult> GetReceipt(string id, string receipt, IGrainFactory grains)
    {
        if (!DefinitionErrors.IsValidId(id))
            return UnknownElection(id);
        if (string.IsNullOrWhiteSpace(receipt) || receipt.Length > 256)
            return ApiProblems.Result(StatusCodes.Status404NotFound, "unknown receipt");
        var outcome = await grains.GetGrain<IElectionGrain>(id).Receipt(receipt);
        if (!outcome.Succeeded || outcome.Value is not { } status)
            return Fail(outcome);
        return Ok(new ReceiptView(status.Receipt, status.Counted ? "counted" : "replaced", status.Envelopes));
    }

    /// <summary>
    /// Streams the record's zip into the response body as <see cref="ElectionRecordWriter"/> writes it, each ballot box's
    /// log streamed from its grain as it goes. The writer refuses a log that does not chain from the stored definition or disagrees with the
    /// final results; it finds out while writing, so the response is then cut off (never a complete zip that would not verify).
    /// </summary>
    private sealed class RecordDownload(string id, byte[] definition, IReadOnlyList<IBallotBoxGrain> boxes, ElectionResults results, IReadOnlyList<TrailEntry> trail) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = Zip;
            response.Headers.ContentDisposition = $"attachment; filename=\"{id}-record.zip\"";
            httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            var cancellationToken = httpContext.RequestAborted;
            try
            {
                var logs = boxes.Select(box => Entries(box, cancellationToken)).ToArray();
                await ElectionRecordWriter.WriteZipAsync(response.Body, definition, logs, results, trail, cancellationToken: cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // the client went away
            }
            catch (Exception e)
            {
                var logger = httpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Api));
                logger.LogError(e, "Election {Election}: the record could not be written", id);
                if (response.HasStarted)
                {
                    httpContext.Abort();
                    return;
                }
                response.Headers.ContentDisposition = default;
                await ApiProblems.Result(StatusCodes.Status500InternalServerError, $"the record of '{id}' could not be written (the server's log says why)").ExecuteAsync(httpContext);
            }
        }

        private static async IAsyncEnumerable<LogEntry> Entries(IBallotBoxGrain box, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var record in box.ReadLog().WithCancellation(cancellationToken))
                yield return new LogEntry(record.Event, record.Hash);
        }
    }

    /// <summary>Adds a Location header to a JSON result.</summary>
    private sealed class Created(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
