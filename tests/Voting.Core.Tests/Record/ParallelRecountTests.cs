using System.Text;
using Voting.Core.Record;

namespace Voting.Core.Tests.Record;

/// <summary>The recount reads a large ballots.csv in parts, one thread each; the parts must add up to the whole.</summary>
public class ParallelRecountTests(SampleRecord sample) : IClassFixture<SampleRecord>
{
    /// <summary>Recounts with parts of 8 KB, so that the sample's ballots.csv is read by several threads.</summary>
    private static RecountOutcome InParts(string path)
    {
        using var record = ElectionRecordReader.Open(path);
        return Recount.FromRecord(record, null, partSize: 8192);
    }

    [Fact]
    public void A_recount_in_parts_is_byte_for_byte_the_same()
    {
        var outcome = InParts(sample.Folder);
        Assert.Equal(File.ReadAllBytes(Path.Combine(sample.Folder, RecordFiles.Results)), outcome.Json);
        Assert.Equal(sample.Manifest.Ballots, outcome.Ballots);
    }

    [Theory]
    [InlineData("swap")]
    [InlineData("duplicate")]
    [InlineData("bad")]
    public void Problems_anywhere_are_named_by_their_line(string change)
    {
        using var copy = sample.Copy();
        var path = copy[RecordFiles.Ballots];
        var lines = File.ReadAllText(path).Split('\n')[..^1].ToList();
        int at = lines.Count * 3 / 4;
        switch (change)
        {
            case "swap": (lines[at], lines[at + 1]) = (lines[at + 1], lines[at]); break;
            case "duplicate": lines.Insert(at + 1, lines[at]); break;
            case "bad": lines[at] = lines[at].Replace(",city,", ",town,").Replace(",district-1,", ",town,"); break;
        }
        File.WriteAllText(path, string.Concat(lines.Select(l => l + "\n")), new UTF8Encoding(false));
        var e = Assert.Throws<FormatException>(() => InParts(copy.Path));
        Assert.StartsWith($"ballots.csv line {(change == "bad" ? at + 1 : at + 2)}", e.Message);
    }
}
