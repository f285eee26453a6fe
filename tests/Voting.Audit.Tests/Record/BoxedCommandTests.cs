using System.Text.Json.Nodes;
using Voting.Core.Record;

namespace Voting.Audit.Tests.Record;

public class BoxedCommandTests(BoxedAuditRecord record) : IClassFixture<BoxedAuditRecord>
{
    [Fact]
    public void Verify_passes_a_record_of_three_boxes()
    {
        Assert.True(File.Exists(Path.Combine(record.Folder, "log-2.jsonl")));
        var (exit, output, error) = GeneratedRecord.Invoke("verify", record.Folder);
        Assert.True(exit == 0, output + error);
        Assert.Equal(11, output.Split("PASS").Length - 1);
        Assert.Contains("in 3 boxes", output);
    }

    [Fact]
    public void Verify_names_the_box_whose_head_the_manifest_misstates()
    {
        var copy = record.Copy();
        var path = Path.Combine(copy, RecordFiles.Manifest);
        var manifest = JsonNode.Parse(File.ReadAllText(path))!;
        manifest["boxes"]![2]!["head"] = new string('0', 64);
        File.WriteAllText(path, manifest.ToJsonString());

        var (exit, output, _) = GeneratedRecord.Invoke("verify", copy, "--json");
        Assert.Equal(1, exit);
        var chain = JsonNode.Parse(output)!["checks"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == "chain")!;
        Assert.Equal("fail", chain["status"]!.GetValue<string>());
        var finding = chain["findings"]!.AsArray().Single()!;
        Assert.Equal((RecordFiles.Manifest, "boxes[2].head"), (finding["file"]!.GetValue<string>(), finding["field"]!.GetValue<string>()));
        Assert.Contains("the chain over log-2.jsonl ends at", finding["message"]!.GetValue<string>());
    }

    [Fact]
    public void Recount_of_a_record_of_three_boxes_gives_results_json_byte_for_byte()
    {
        var file = Path.Combine(record.Copy(), "recount.json");
        var (exit, _, error) = GeneratedRecord.Invoke("recount", record.Folder, "--out", file);
        Assert.True(exit == 0, error);
        Assert.Equal(File.ReadAllBytes(Path.Combine(record.Folder, RecordFiles.Results)), File.ReadAllBytes(file));
        Assert.Contains("1,200 ballots", error);
    }
}
