using System.Text.Json;
using Voting.Core.Tests.Pabulib;

namespace Voting.Audit.Tests.Allocate;

public class AllocateCommandTests
{
    public static TheoryData<string> Instances() =>
        ["Netherlands_Assen_2024.pb", "Poland_Wieliczka_2023_Green_Budget.pb", "Poland_Czestochowa_2024_Mirow.pb",
         "Poland_Krakow_2020_Stare_Miasto.pb", "Poland_Gdynia_2020_Orlowo__small.pb"];

    [PabulibTheory]
    [MemberData(nameof(Instances))]
    public void Reproduces_the_published_winners_with_the_files_own_rule(string file)
    {
        using var expectedDocument = JsonDocument.Parse(File.ReadAllText(PabulibFolder.File("expected_winners.json")));
        var expected = expectedDocument.RootElement.GetProperty(file);

        var result = AuditProcess.Run("allocate", PabulibFolder.File(file));

        Assert.Equal(0, result.ExitCode);
        using var output = JsonDocument.Parse(result.Output);
        var selected = output.RootElement.GetProperty("selected").EnumerateArray().Select(e => e.GetString()!).Order();
        Assert.Equal(expected.GetProperty("selected").EnumerateArray().Select(e => e.GetString()!).Order(), selected);
        Assert.Equal(long.Parse(expected.GetProperty("selected_cost").GetString()!), output.RootElement.GetProperty("cost").GetInt64());
    }

    [PabulibFact]
    public void Another_rule_can_be_asked_for()
    {
        var result = AuditProcess.Run("allocate", PabulibFolder.File("Netherlands_Assen_2024.pb"), "--rule", "greedy");
        Assert.Equal(0, result.ExitCode);
        using var output = JsonDocument.Parse(result.Output);
        Assert.Equal("greedy", output.RootElement.GetProperty("rule").GetString());
        Assert.True(output.RootElement.GetProperty("cost").GetInt64() <= 100_000);
    }

    [Fact]
    public void Malformed_file_names_the_line_and_field()
    {
        var path = AuditProcess.TempFile("META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;abc\nVOTES\nvoter_id;vote\n", ".pb");
        try
        {
            var result = AuditProcess.Run("allocate", path);
            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("line 7", result.Error);
            Assert.Contains("'cost'", result.Error);
            Assert.Single(result.Error.Trim().Split('\n'));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Unknown_rule_and_missing_file_are_refused()
    {
        var missing = AuditProcess.Run("allocate", "/nonexistent/budget.pb");
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("/nonexistent/budget.pb", missing.Error);

        var path = AuditProcess.TempFile("META\nkey;value\nbudget;100\nvote_type;approval\nrule;greedy\nPROJECTS\nproject_id;cost\n1;50\nVOTES\nvoter_id;vote\nv1;1\n", ".pb");
        try
        {
            var unknown = AuditProcess.Run("allocate", path, "--rule", "lottery");
            Assert.NotEqual(0, unknown.ExitCode);
            Assert.Contains("unknown rule 'lottery'", unknown.Error);
            Assert.DoesNotContain("   at ", unknown.Error);
        }
        finally { File.Delete(path); }
    }
}
