using System.Text;
using Voting.Grains.Storage;

namespace Voting.Grains.Tests.Storage;

/// <summary>What every backend of <see cref="IBallotLogStore"/> and <see cref="IDocumentStore"/> must do.</summary>
public abstract class StorageConformanceTests<TStore> : IAsyncLifetime
    where TStore : IBallotLogStore, IDocumentStore, IStorageProbe
{
    private const string Election = "paris-2025";
    private readonly List<TStore> _opened = [];

    /// <summary>A new instance on the same storage as every other instance this test opens.</summary>
    protected abstract TStore CreateStore();

    protected TStore Open()
    {
        var store = CreateStore();
        _opened.Add(store);
        return store;
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _opened)
            if (store is IAsyncDisposable disposable)
                await disposable.DisposeAsync();
    }

    [Fact]
    public async Task Appended_records_read_back_in_order_with_their_slots()
    {
        var store = Open();
        await store.AppendAsync(Election, Records(1, 3), [New("alice"), New("bob")]);
        await store.AppendAsync(Election, Records(4, 2), [New("carol")]);

        AssertSame(Records(1, 5), await ReadAll(store));
        AssertSame(Records(3, 3), await ReadAll(store, fromSequence: 3));
        Assert.Empty(await ReadAll(store, fromSequence: 6));
        Assert.Empty(await ReadAll(store, "another-election"));

        var alice = await store.ReadSlotAsync(Election, "alice");
        Assert.NotNull(alice);
        Assert.Equal(1, alice.Revision);
        Assert.Equal("receipt-alice-1", alice.Receipts["city"]);
        Assert.Null(await store.ReadSlotAsync(Election, "dave"));
        Assert.Null(await store.ReadSlotAsync("another-election", "alice"));
    }

    [Fact]
    public async Task Elections_have_separate_logs()
    {
        var store = Open();
        await store.AppendAsync("a/b#c?d%e", Records(1, 2), [New("alice")]);
        await store.AppendAsync("a", Records(1, 1, "other"), [New("alice")]);

        AssertSame(Records(1, 2), await ReadAll(store, "a/b#c?d%e"));
        AssertSame(Records(1, 1, "other"), await ReadAll(store, "a"));
    }

    [Fact]
    public async Task Appending_at_a_taken_or_missing_position_conflicts_and_writes_nothing()
    {
        var store = Open();
        await store.AppendAsync(Election, Records(1, 2), [New("alice")]);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.AppendAsync(Election, Records(2, 2, "other"), [New("bob")]));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.AppendAsync(Election, Records(1, 2, "other"), [New("bob")]));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.AppendAsync(Election, Records(5, 1), [New("bob")]));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.AppendAsync("fresh", Records(2, 1), [New("bob")]));

        AssertSame(Records(1, 2), await ReadAll(store));
        Assert.Empty(await ReadAll(store, "fresh"));
        Assert.Null(await store.ReadSlotAsync(Election, "bob"));
        Assert.Null(await store.ReadSlotAsync("fresh", "bob"));
    }

    [Fact]
    public async Task A_slot_at_another_revision_conflicts_and_writes_nothing()
    {
        var store = Open();
        await store.AppendAsync(Election, Records(1, 1), [New("alice")]);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.AppendAsync(Election, Records(2, 1), [New("bob"), New("alice")]));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.AppendAsync(Election, Records(2, 1), [New("bob"), Revote("alice", 2)]));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.AppendAsync(Election, Records(2, 1), [Revote("bob", 1)]));

        AssertSame(Records(1, 1), await ReadAll(store));
        Assert.Equal(1, (await store.ReadSlotAsync(Election, "alice"))!.Revision);
        Assert.Null(await store.ReadSlotAsync(Election, "bob"));

        await store.AppendAsync(Election, Records(2, 1), [New("bob"), Revote("alice", 1)]);
        var alice = await store.ReadSlotAsync(Election, "alice");
        Assert.Equal(2, alice!.Revision);
        Assert.Equal("receipt-alice-2", alice.Receipts["city"]);
        AssertSame(Records(1, 2), await ReadAll(store));
    }

    [Fact]
    public async Task Re_appending_the_identical_batch_succeeds_without_duplicates()
    {
        var store = Open();
        await store.AppendAsync(Election, Records(1, 3), [New("alice")]);
        await store.AppendAsync(Election, Records(4, 2), [New("bob")]);

        await store.AppendAsync(Election, Records(1, 3), [New("alice")]);
        await store.AppendAsync(Election, Records(4, 2), [New("bob")]);

        AssertSame(Records(1, 5), await ReadAll(store));
        Assert.Equal(1, (await store.ReadSlotAsync(Election, "alice"))!.Revision);
    }

    [Fact]
    public async Task Invalid_batches_are_refused()
    {
        var store = Open();
        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync(Election, [], [New("alice")]));
        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync(Election, [.. Records(1, 1), .. Records(3, 1)], []));
        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync(Election, Records(1, 1), [New("alice"), New("alice")]));
        Assert.Empty(await ReadAll(store));
    }

    [Fact]
    public async Task Concurrent_appenders_at_the_same_position_have_exactly_one_winner()
    {
        var stores = Enumerable.Range(0, 4).Select(_ => Open()).ToList();
        await stores[0].AppendAsync(Election, Records(1, 1), [New("alice")]);

        var attempts = stores.SelectMany((store, i) => new[] { $"s{i}a", $"s{i}b" }.Select(tag => (store, tag)))
            .Select(async attempt =>
            {
                try
                {
                    await attempt.store.AppendAsync(Election, Records(2, 3, attempt.tag), [New($"voter-{attempt.tag}")]);
                    return attempt.tag;
                }
                catch (ConcurrencyConflictException)
                {
                    return null;
                }
            })
            .ToList();
        var winners = (await Task.WhenAll(attempts)).OfType<string>().ToList();

        var winner = Assert.Single(winners);
        AssertSame([.. Records(1, 1), .. Records(2, 3, winner)], await ReadAll(stores[1]));
        foreach (var tag in stores.SelectMany((_, i) => new[] { $"s{i}a", $"s{i}b" }).Where(t => t != winner))
            Assert.Null(await stores[2].ReadSlotAsync(Election, $"voter-{tag}"));
    }

    [Fact]
    public async Task Instances_on_the_same_storage_take_turns()
    {
        var (a, b) = (Open(), Open());
        await a.AppendAsync(Election, Records(1, 2), [New("alice")]);
        await b.AppendAsync(Election, Records(3, 1), [Revote("alice", 1)]);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => a.AppendAsync(Election, Records(3, 1, "other"), [New("bob")]));
        await a.AppendAsync(Election, Records(4, 1), [Revote("alice", 2)]);

        AssertSame(Records(1, 4), await ReadAll(b));
        Assert.Equal(3, (await b.ReadSlotAsync(Election, "alice"))!.Revision);
        Assert.Null(await b.ReadSlotAsync(Election, "bob"));
    }

    [Fact]
    public async Task A_large_batch_round_trips()
    {
        var store = Open();
        const int slotCount = 500;
        var batch = Records(1, 1000, size: 300);
        await store.AppendAsync(Election, batch, [.. Enumerable.Range(0, slotCount).Select(i => New($"voter-{i}"))]);

        AssertSame(batch, await ReadAll(store));
        AssertSame(batch[500..], await ReadAll(store, fromSequence: 501));
        Assert.NotNull(await store.ReadSlotAsync(Election, $"voter-{slotCount - 1}"));
    }

    [Fact]
    public async Task Documents_are_written_only_at_the_expected_ETag()
    {
        var store = Open();
        Assert.Null(await store.ReadAsync("elections", "paris"));

        var created = await store.WriteAsync("elections", "paris", Bytes("v1"), expectedETag: null);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.WriteAsync("elections", "paris", Bytes("v1bis"), expectedETag: null));

        var updated = await store.WriteAsync("elections", "paris", Bytes("v2"), created);
        Assert.NotEqual(created, updated);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.WriteAsync("elections", "paris", Bytes("v3"), created));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.WriteAsync("elections", "lyon", Bytes("v1"), created));

        var stored = await store.ReadAsync("elections", "paris");
        Assert.Equal("v2", Encoding.UTF8.GetString(stored!.Data));
        Assert.Equal(updated, stored.ETag);
        Assert.Null(await store.ReadAsync("elections", "lyon"));
        Assert.Null(await store.ReadAsync("checkpoints", "paris"));
    }

    [Fact]
    public async Task Keys_are_listed_by_prefix_in_ordinal_order()
    {
        var store = Open();
        foreach (var key in new[] { "paris/2025", "lyon/2024", "paris/2024", "paris-old", "paris/2023/x" })
            await store.WriteAsync("elections", key, Bytes(key), null);
        await store.WriteAsync("Checkpoints", "paris/2025", Bytes("x"), null);

        Assert.Equal(["paris/2023/x", "paris/2024", "paris/2025"], await ListAll(store, "elections", "paris/"));
        Assert.Equal(["lyon/2024", "paris-old", "paris/2023/x", "paris/2024", "paris/2025"], await ListAll(store, "elections", ""));
        Assert.Equal(["paris/2025"], await ListAll(store, "Checkpoints", ""));
        Assert.Empty(await ListAll(store, "elections", "zurich"));
        Assert.Empty(await ListAll(store, "nothing-here", ""));
    }

    [Fact]
    public async Task Everything_is_still_there_after_a_restart()
    {
        var first = Open();
        await first.AppendAsync(Election, Records(1, 3), [New("alice")]);
        var etag = await first.WriteAsync("elections", "paris", Bytes("v1"), null);
        if (first is IAsyncDisposable disposable) await disposable.DisposeAsync();

        var second = Open();
        AssertSame(Records(1, 3), await ReadAll(second));
        Assert.Equal(1, (await second.ReadSlotAsync(Election, "alice"))!.Revision);
        var document = await second.ReadAsync("elections", "paris");
        Assert.Equal(etag, document!.ETag);
        Assert.Equal(["paris"], await ListAll(second, "elections", ""));

        await second.AppendAsync(Election, Records(4, 1), [Revote("alice", 1)]);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => second.AppendAsync(Election, Records(4, 1, "other"), []));
        await second.WriteAsync("elections", "paris", Bytes("v2"), etag);
    }

    [Fact]
    public async Task The_probe_reads_a_store_that_is_there()
    {
        var store = Open();
        await store.ProbeAsync(CancellationToken.None);
        await store.AppendAsync(Election, Records(1, 1), [New("voter-1")]);
        await store.ProbeAsync(CancellationToken.None);
    }

    protected static List<LogRecord> Records(long first, int count, string tag = "ballot", int size = 40) =>
        [.. Enumerable.Range(0, count).Select(i =>
        {
            var sequence = first + i;
            var body = $"{{\"seq\":{sequence},\"tag\":\"{tag}\",\"pad\":\"";
            return new LogRecord(sequence, $"{tag}-hash-{sequence:x16}", Bytes(body.PadRight(size - 2, 'x') + "\"}"));
        })];

    protected static SlotWrite New(string voter) =>
        new(new VoterSlot(voter, 1, new Dictionary<string, string> { ["city"] = $"receipt-{voter}-1" }), 0);

    protected static SlotWrite Revote(string voter, long expectedRevision) =>
        new(new VoterSlot(voter, expectedRevision + 1, new Dictionary<string, string> { ["city"] = $"receipt-{voter}-{expectedRevision + 1}" }), expectedRevision);

    protected static async Task<List<LogRecord>> ReadAll(IBallotLogStore store, string election = Election, long fromSequence = 1)
    {
        var records = new List<LogRecord>();
        await foreach (var record in store.ReadAsync(election, fromSequence)) records.Add(record);
        return records;
    }

    protected static void AssertSame(IReadOnlyList<LogRecord> expected, IReadOnlyList<LogRecord> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Sequence, actual[i].Sequence);
            Assert.Equal(expected[i].Hash, actual[i].Hash);
            Assert.Equal(expected[i].Event, actual[i].Event);
        }
    }

    private static async Task<List<string>> ListAll(IDocumentStore store, string collection, string prefix)
    {
        var keys = new List<string>();
        await foreach (var key in store.ListKeysAsync(collection, prefix)) keys.Add(key);
        return keys;
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
