using Voting.Core.Allocation;
using Voting.Core.Record;
using Voting.Core.Tests.Pabulib;

namespace Voting.Core.Tests.Record;

/// <summary>The record's <c>.pb</c> files pass Pabulib's own validator without an error.</summary>
public class PabulibCheckerTests(SampleRecord sample) : IClassFixture<SampleRecord>
{
    [PabulibCheckerFact]
    public void The_sample_record_files_have_no_checker_error() =>
        AssertNoError(sample.Folder, sample.Definition.Envelopes.Select(e => e.Id));

    [PabulibCheckerFact]
    public async Task Files_of_every_rule_and_of_the_default_rule_have_no_checker_error()
    {
        foreach (var rule in AllocationRules.Names.Append(null))
        {
            using var folder = new TempFolder();
            var definition = RecordGenerator.Definition("checked", envelopes: 2, projects: 8, grades: 7, rule: rule);
            var election = new SyntheticElection(400, Seed: 5, RevoteShare: 0.1);
            var results = SampleRecord.EngineResults(definition, RecordGenerator.Events(definition, election).ToArray());
            await ElectionRecordWriter.WriteFolderAsync(folder.Path, definition, RecordGenerator.Log(definition, election), results);
            AssertNoError(folder.Path, definition.Envelopes.Select(e => e.Id));
        }
    }

    [PabulibCheckerFact]
    public void The_checker_reports_a_file_without_a_required_key()
    {
        using var copy = sample.Copy();
        var path = copy[RecordFiles.Pabulib("city")];
        File.WriteAllLines(path, File.ReadAllLines(path).Where(line => !line.StartsWith("country;", StringComparison.Ordinal)));
        var report = PabulibChecker.Check([path])["city"];
        Assert.Contains(report.Errors, e => e.Contains("'country' is required", StringComparison.Ordinal));
    }

    private static void AssertNoError(string folder, IEnumerable<string> envelopes)
    {
        var ids = envelopes.ToArray();
        var reports = PabulibChecker.Check(ids.Select(id => Path.Combine(folder, RecordFiles.Pabulib(id))));
        Assert.Equal(ids.Order(), reports.Keys.Order());
        Assert.All(reports, report => Assert.True(report.Value.Errors.Count == 0, $"{report.Key}.pb: {string.Join("; ", report.Value.Errors)}"));
    }
}
