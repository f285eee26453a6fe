using System.IO.Compression;
using System.Text;
using Voting.Core.Json;
using Voting.Core.Record;

namespace Voting.Core.Tests.Record;

public class RoundTripTests(SampleRecord sample) : IClassFixture<SampleRecord>
{
    [Fact]
    public void The_generator_chains_events_as_BallotChain_does()
    {
        var head = BallotChain.Genesis(VotingJson.DefinitionBytes(sample.Definition));
        for (int i = 0; i < sample.Events.Length; i++)
        {
            head = BallotChain.Next(head, sample.Events[i]);
            Assert.Equal(head, sample.Log[i].Hash);
            Assert.Equal(BallotChain.CanonicalBytes(sample.Events[i]), sample.Log[i].Event.ToArray());
        }
        Assert.Equal(head, sample.Manifest.Head);
    }

    [Fact]
    public void The_sample_has_revotes_and_two_envelopes()
    {
        Assert.True(sample.Events.Count(e => e.Replaces is not null) > 300);
        Assert.Equal(3000, sample.Manifest.Ballots);
        Assert.Equal(sample.Events.Length, sample.Manifest.Events);
        Assert.Equal(2, sample.Results.Envelopes.Count);
        // the batch count of the generator agrees with the engine's incremental tallies
        Assert.Equal(SampleRecord.Json(sample.Results), SampleRecord.Json(RecordGenerator.Results(sample.Definition, SampleRecord.Election)));
    }

    [Fact]
    public void Recount_of_the_record_is_the_engine_results_byte_for_byte()
    {
        var published = File.ReadAllBytes(Path.Combine(sample.Folder, RecordFiles.Results));
        Assert.Equal(SampleRecord.Json(sample.Results), published);
        var recount = Recount.FromRecord(sample.Folder);
        Assert.Equal(published, recount.Json);
        Assert.Equal(3000, recount.Ballots);
    }

    [Fact]
    public void The_untouched_record_passes_every_check()
    {
        var report = RecordVerifier.Verify(sample.Folder);
        Assert.True(report.Passed, report.ToString());
        Assert.All(report.Checks, c => Assert.Equal(CheckStatus.Pass, c.Status));
        Assert.Equal(11, report.Checks.Count);
    }

    [Fact]
    public async Task A_zip_record_written_to_a_non_seekable_stream_verifies_and_recounts()
    {
        using var folder = new TempFolder();
        var zip = folder["record.zip"];
        await using (var file = File.Create(zip))
        await using (var forwardOnly = new ForwardOnlyStream(file))
            await ElectionRecordWriter.WriteZipAsync(forwardOnly, sample.Definition, sample.Log, sample.Results);
        var report = RecordVerifier.Verify(zip);
        Assert.True(report.Passed, report.ToString());
        Assert.Equal(File.ReadAllBytes(Path.Combine(sample.Folder, RecordFiles.Results)), Recount.FromRecord(zip).Json);
        using var archive = ZipFile.OpenRead(zip);
        Assert.Equal(RecordFiles.Manifest, archive.Entries[^1].FullName);
        // the same files, byte for byte, as the folder
        foreach (var entry in archive.Entries)
        {
            using var stream = entry.Open();
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            Assert.Equal(File.ReadAllBytes(Path.Combine(sample.Folder, entry.FullName)), memory.ToArray());
        }
    }

    [Fact]
    public void A_zip_with_the_files_in_one_folder_is_read_too()
    {
        using var folder = new TempFolder();
        var zip = folder["nested.zip"];
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
            foreach (var file in Directory.EnumerateFiles(sample.Folder))
                archive.CreateEntryFromFile(file, "record-sample/" + Path.GetFileName(file));
        Assert.True(RecordVerifier.Verify(zip).Passed);
    }

    [Fact]
    public void The_reader_streams_the_log_and_the_counted_ballots()
    {
        using var record = ElectionRecordReader.Open(sample.Folder);
        var logged = record.ReadLog().ToArray();
        Assert.Equal(sample.Events.Length, logged.Length);
        for (int i = 0; i < logged.Length; i += 97)
        {
            Assert.Equal(sample.Events[i].Receipt, logged[i].Event.Receipt);
            Assert.Equal(sample.Events[i].Replaces, logged[i].Event.Replaces);
            Assert.Equal(sample.Events[i].Grades.OrderBy(g => g.Key), logged[i].Event.Grades.OrderBy(g => g.Key));
            Assert.Equal(sample.Log[i].Hash, logged[i].Hash);
        }
        var replaced = sample.Events.Where(e => e.Replaces is not null).Select(e => e.Replaces!).ToHashSet();
        var counted = sample.Events.Where(e => !replaced.Contains(e.Receipt))
            .OrderBy(e => e.Receipt, StringComparer.Ordinal).ThenBy(e => e.Envelope, StringComparer.Ordinal).ToArray();
        var rows = record.ReadBallots(record.ReadDefinition()).ToArray();
        Assert.Equal(counted.Length, rows.Length);
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.Equal((counted[i].Receipt, counted[i].Envelope), (rows[i].Receipt, rows[i].Envelope));
            Assert.Equal(counted[i].Grades.OrderBy(g => g.Key), rows[i].Grades.OrderBy(g => g.Key));
            Assert.Equal(i + 2, rows[i].Line);
        }
    }

    [Fact]
    public void Ballots_csv_has_the_documented_layout()
    {
        var lines = File.ReadAllText(Path.Combine(sample.Folder, RecordFiles.Ballots), Encoding.UTF8).Split('\n');
        Assert.Equal("", lines[^1]);
        var projects = sample.Definition.Envelopes.SelectMany(e => e.Projects).Select(p => p.Id);
        Assert.Equal("receipt,envelope," + string.Join(",", projects), lines[0]);
        var first = lines[1].Split(',');
        Assert.Equal(2 + 24, first.Length);
        // a row only grades the projects of its envelope
        int offset = first[1] == "city" ? 14 : 2;
        Assert.All(first.Skip(offset).Take(12), cell => Assert.Equal("", cell));
    }

    /// <summary>A stream that cannot seek nor tell its position, like an HTTP response body.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("synchronous writes are not allowed");
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
    }
}
