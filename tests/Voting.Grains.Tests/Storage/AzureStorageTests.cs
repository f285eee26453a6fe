using Voting.Grains.Storage;
using Voting.Grains.Storage.Azure;
using Voting.Grains.Tests.Azurite;

namespace Voting.Grains.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageTests(AzuriteFixture azurite) : StorageConformanceTests<AzureStorage>
{
    // Every test gets its own tables and containers.
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..12];

    protected override AzureStorage CreateStore() => new(azurite.ConnectionString, _prefix);

    [Fact]
    public async Task An_unreachable_account_fails_every_operation_with_storage_unavailable()
    {
        // The same account on a port where nothing listens.
        var closed = System.Text.RegularExpressions.Regex.Replace(
            azurite.ConnectionString, @"127\.0\.0\.1:\d+/", $"127.0.0.1:{HostProcess.FreePort()}/");
        var store = new AzureStorage(closed, _prefix);

        await Assert.ThrowsAsync<StorageUnavailableException>(() => store.AppendAsync("paris", Records(1, 2), [New("voter-0")]));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => store.ReadSlotAsync("paris", "voter-0"));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => ReadAll(store, "paris"));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => store.ReadAsync("checkpoints", "paris"));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => store.WriteAsync("checkpoints", "paris", [1, 2, 3], null));
        await Assert.ThrowsAsync<StorageUnavailableException>(async () =>
        {
            await foreach (var _ in store.ListKeysAsync("checkpoints")) { }
        });
    }

    [Fact]
    public async Task An_append_over_an_entity_s_size_is_refused_and_writes_nothing()
    {
        var store = Open();
        var tooBig = Records(1, 4, size: store.MaxRecordBytesPerAppend / 4);
        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync("paris", tooBig, [New("voter-0")]));

        Assert.Empty(await ReadAll(store, "paris"));
        Assert.Null(await store.ReadSlotAsync("paris", "voter-0"));
    }

    [Fact]
    public async Task A_batch_of_the_largest_payload_and_a_thousand_voters_round_trips()
    {
        var store = Open();
        var count = 15;
        var size = store.MaxRecordBytesPerAppend / count - 16 - "ballot-hash-0000000000000001".Length;
        var batch = Records(1, count, size: size);
        SlotWrite[] voters = [.. Enumerable.Range(0, 1000).Select(i => New($"voter-{i}"))];
        await store.AppendAsync("paris", batch, voters);

        AssertSame(batch, await ReadAll(store, "paris"));
        var other = CreateStore(); // another instance folds the slots from storage
        Assert.Equal(1, (await other.ReadSlotAsync("paris", "voter-999"))!.Revision);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => other.AppendAsync("paris", Records(count + 1, 1), [New("voter-999")]));
        await other.AppendAsync("paris", Records(count + 1, 1), [Revote("voter-999", 1)]);
        Assert.Equal(2, (await store.ReadSlotAsync("paris", "voter-999"))!.Revision);
    }

    [Fact]
    public async Task The_probe_fails_when_the_account_does_not_answer()
    {
        // The same account on a loopback port where nothing listens.
        var closed = System.Text.RegularExpressions.Regex.Replace(azurite.ConnectionString, @"127\.0\.0\.1:\d+", $"127.0.0.1:{HostProcess.FreePort()}");
        var store = new AzureStorage(closed, _prefix);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        await Assert.ThrowsAnyAsync<Exception>(() => store.ProbeAsync(timeout.Token));
    }
}
