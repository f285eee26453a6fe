using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Voting.Core.Elections;
using Voting.Core.Json;
using Voting.Grains.Contracts;
using Voting.Grains.Interfaces;
using Voting.Grains.Storage;
using Voting.Web;

namespace Voting.Host;

/// <summary>
/// Loads the sample elections on startup, idempotently: creates each one that does not exist yet, imports its seed
/// voter roll, opens it, and writes the invitation codes once to <c>&lt;data dir&gt;/seed-codes.json</c>. The audit
/// trails name it <see cref="Actor"/>.
/// </summary>
public sealed partial class SeedLoader(
    IGrainFactory grains,
    IOptions<DataFolderOptions> dataFolder,
    HostSettings settings,
    IHostEnvironment environment,
    ILogger<SeedLoader> logger) : IHostedService
{
    public const string CodesFile = "seed-codes.json";

    /// <summary>The loader, as the audit trails record it: the host itself.</summary>
    public static readonly Actor Actor = new("seeds", "local");

    /// <summary>The ids of the elections the seeds define, once loaded.</summary>
    public IReadOnlyList<string> Loaded { get; private set; } = [];

    public string CodesPath => Path.Combine(dataFolder.Value.FullPath, CodesFile);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!settings.LoadSeeds)
            return;
        var dir = SeedsDirectory();
        if (dir is null)
        {
            LogNoSeeds(logger);
            return;
        }
        var loaded = new List<string>();
        foreach (var file in Directory.EnumerateFiles(dir, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                if (await Load(file, cancellationToken) is { } id)
                    loaded.Add(id);
            }
            catch (Exception e) when (e is JsonException or IOException or InvalidOperationException)
            {
                LogSeedFailed(logger, file, e.Message);
            }
        }
        Loaded = loaded;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private string? SeedsDirectory()
    {
        if (!string.IsNullOrWhiteSpace(settings.SeedsDir))
            return Directory.Exists(settings.SeedsDir) ? Path.GetFullPath(settings.SeedsDir) : null;
        foreach (var candidate in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, "seeds"),
                     Path.Combine(environment.ContentRootPath, "seeds"),
                     Path.Combine(Directory.GetCurrentDirectory(), "seeds"),
                 })
            if (Directory.Exists(candidate))
                return candidate;
        return null;
    }

    private async Task<string?> Load(string file, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(file, cancellationToken);
        var definition = VotingJson.ReadDefinition(bytes);
        var seed = JsonNode.Parse(bytes)?["seed"]?.Deserialize<SeedSpec>(VotingJson.Options) ?? new SeedSpec(null, false);
        var grain = grains.GetGrain<IElectionGrain>(definition.Id);

        var info = await grain.Get();
        if (info is null)
        {
            if (DefinitionErrors.Of(definition) is { Count: > 0 } problems)
            {
                LogSeedFailed(logger, file, string.Join("; ", problems));
                return null;
            }
            var created = await grain.Create(definition, Actor);
            if (!created.Succeeded && created.Failure != Failure.AlreadyExists)
            {
                LogSeedFailed(logger, file, created.Error ?? created.Failure.ToString());
                return null;
            }
            info = created.Value ?? await grain.Get();
            if (info is null)
                return null;
            LogCreated(logger, definition.Id);
        }

        if (info.Status == ElectionStatus.Draft && info.RegisteredVoters == 0 && seed.Voters is { Count: > 0 } groups)
        {
            var roll = new List<VoterImport>();
            foreach (var group in groups)
                for (int i = 0; i < group.Count; i++)
                    roll.Add(new VoterImport($"seed-{roll.Count + 1:000}", group.Envelopes ?? definition.Envelopes.Select(e => e.Id).ToArray()));
            var imported = await grain.ImportVoters(roll, Actor);
            if (imported is { Succeeded: true, Value: { } codes })
                await SaveCodes(definition.Id, codes, cancellationToken);
            else
                LogSeedFailed(logger, file, imported.Error ?? imported.Failure.ToString());
        }

        if (info.Status == ElectionStatus.Draft && seed.Open)
        {
            var opened = await grain.Open(Actor);
            if (!opened.Succeeded)
                LogSeedFailed(logger, file, opened.Error ?? opened.Failure.ToString());
        }
        return definition.Id;
    }

    private async Task SaveCodes(string electionId, IReadOnlyDictionary<string, string> codes, CancellationToken cancellationToken)
    {
        var path = CodesPath;
        var all = File.Exists(path)
            ? JsonSerializer.Deserialize<SortedDictionary<string, SortedDictionary<string, string>>>(await File.ReadAllBytesAsync(path, cancellationToken), VotingJson.Options) ?? []
            : new SortedDictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        all[electionId] = new SortedDictionary<string, string>(codes.ToDictionary(), StringComparer.Ordinal);
        PrivateFiles.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(all, VotingJson.Indented));
    }

    private sealed record SeedSpec(IReadOnlyList<SeedVoters>? Voters, bool Open);

    private sealed record SeedVoters(int Count, IReadOnlyList<string>? Envelopes);

    [LoggerMessage(Level = LogLevel.Information, Message = "No seeds folder found; no sample election loaded")]
    private static partial void LogNoSeeds(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sample election {Election} created")]
    private static partial void LogCreated(ILogger logger, string election);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Seed {File} not loaded: {Reason}")]
    private static partial void LogSeedFailed(ILogger logger, string file, string reason);
}
