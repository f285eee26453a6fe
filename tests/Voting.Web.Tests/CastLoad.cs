using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using static Voting.Web.Tests.Elections;

namespace Voting.Web.Tests;

/// <summary>
/// Casts and revotes of the voters of one election (the budget of <see cref="Elections.Budget"/>), by a few workers in
/// parallel, each voter's casts one after the other (<see cref="BallotLedger.VoterOf"/>), spread over the nodes <see cref="Targets"/> names at the time;
/// every answer goes to the <see cref="BallotLedger"/> and to <see cref="Answers"/>.
/// </summary>
public sealed class CastLoad(string election, IReadOnlyList<(string Voter, string Code)> voters, BallotLedger ledger)
{
    private readonly Lock _gate = new();
    private readonly List<Answer> _answers = [];

    /// <summary>One cast's answer: when it was sent and answered (on <see cref="Clock"/>), its status (0: no answer) and whether it said when to retry.</summary>
    public sealed record Answer(TimeSpan Sent, TimeSpan Answered, int Status, bool RetryAfter, string Reason);

    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    /// <summary>The nodes casts go to, round robin; replace it to move the load.</summary>
    public IReadOnlyList<HostProcess> Targets { get; set; } = [];

    public IReadOnlyList<Answer> Answers
    {
        get { lock (_gate) return _answers.ToArray(); }
    }

    /// <summary>Casts until <paramref name="stop"/> is signalled, with <paramref name="workers"/> casts in flight.</summary>
    public async Task Run(int workers, CancellationToken stop)
    {
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async worker =>
        {
            var random = new Random(worker);
            for (var turn = 0; !stop.IsCancellationRequested; turn++)
            {
                var index = worker + turn * workers;
                var (voter, code) = voters[BallotLedger.VoterOf(worker, workers, voters.Count, turn)];
                var targets = Targets;
                await Cast(targets[index % targets.Count], voter, code, random);
            }
        }));
    }

    /// <summary>One cast of random grades in both envelopes, its answer recorded.</summary>
    public async Task<Answer> Cast(HostProcess node, string voter, string code, Random random)
    {
        var grades = string.Join(", ", new[] { "p1", "p2", "p3", "d1", "d2" }.Select(project => $"\"{project}\": {random.Next(5)}"));
        var ballot = $"{{\"grades\": {{{grades}}}}}";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/elections/{election}/ballots") { Content = Json(ballot) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", code);
        var sent = Clock.Elapsed;
        Answer answer;
        try
        {
            using var response = await node.Client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.Created)
            {
                using var json = JsonDocument.Parse(body);
                ledger.Acknowledge(voter, json.RootElement.GetProperty("receipt").GetString()!, json.RootElement.GetProperty("revision").GetInt64());
            }
            else
                ledger.Unacknowledged(voter);
            answer = new Answer(sent, Clock.Elapsed, (int)response.StatusCode, response.Headers.RetryAfter is not null, body);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or ObjectDisposedException)
        {
            ledger.Unacknowledged(voter);
            answer = new Answer(sent, Clock.Elapsed, 0, false, e.GetType().Name);
        }
        lock (_gate) _answers.Add(answer);
        return answer;
    }

    /// <summary>The first acknowledgement answered after <paramref name="after"/>, waiting for it at most <paramref name="timeout"/>.</summary>
    public async Task<Answer?> FirstAcknowledgementAfter(TimeSpan after, TimeSpan timeout)
    {
        var deadline = Clock.Elapsed + timeout;
        while (Clock.Elapsed < deadline)
        {
            if (Answers.Where(a => a.Status == 201 && a.Answered > after).MinBy(a => a.Answered) is { } first)
                return first;
            await Task.Delay(20);
        }
        return null;
    }
}
