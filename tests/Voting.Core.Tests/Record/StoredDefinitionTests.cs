using System.IO.Compression;
using System.Text.Json;
using Voting.Core.Json;
using Voting.Core.Record;

namespace Voting.Core.Tests.Record;

/// <summary>The writer's overload that takes the definition's stored bytes: they are definition.json verbatim, and the genesis.</summary>
public class StoredDefinitionTests
{
    [Fact]
    public async Task A_record_written_from_the_stored_definition_bytes_keeps_them_verbatim_and_verifies()
    {
        var definition = RecordGenerator.Definition("stored");
        var election = new SyntheticElection(120, Seed: 5, RevoteShare: 0.3);
        // Bytes another serializer could have stored: compact, not what DefinitionBytes gives today.
        var stored = JsonSerializer.SerializeToUtf8Bytes(definition, VotingJson.Options);
        Assert.NotEqual(VotingJson.DefinitionBytes(definition), stored);

        var hash = BallotChain.Genesis(stored);
        var log = new List<LogEntry>();
        foreach (var ballot in RecordGenerator.Events(definition, election))
        {
            hash = BallotChain.Next(hash, ballot);
            log.Add(LogEntry.Of(ballot, hash));
        }
        var results = RecordGenerator.Results(definition, election);

        using var folder = new TempFolder();
        var path = folder["stored.zip"];
        await using (var file = File.Create(path))
            await ElectionRecordWriter.WriteZipAsync(file, stored, Async(log), results);

        using (var zip = ZipFile.OpenRead(path))
        {
            using var entry = zip.GetEntry(RecordFiles.Definition)!.Open();
            using var copy = new MemoryStream();
            await entry.CopyToAsync(copy);
            Assert.Equal(stored, copy.ToArray());
        }
        var report = RecordVerifier.Verify(path);
        Assert.True(report.Passed, report.ToString());

        // Re-serializing the definition would break the chain: the writer refuses rather than write a record that fails.
        using var refused = new MemoryStream();
        await Assert.ThrowsAsync<InvalidDataException>(() => ElectionRecordWriter.WriteZipAsync(refused, definition, log, results));
    }

    [Fact]
    public async Task Bytes_that_are_not_a_definition_are_refused_before_anything_is_written()
    {
        using var output = new MemoryStream();
        await Assert.ThrowsAnyAsync<JsonException>(() =>
            ElectionRecordWriter.WriteZipAsync(output, "{\"id\": 3}"u8.ToArray(), Async([]), null!));
        Assert.Equal(0, output.Length);
    }

    private static async IAsyncEnumerable<LogEntry> Async(IEnumerable<LogEntry> log)
    {
        foreach (var entry in log)
            yield return entry;
        await Task.CompletedTask;
    }
}
