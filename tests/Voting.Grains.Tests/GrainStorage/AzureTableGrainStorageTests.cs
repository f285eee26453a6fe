using Voting.Grains.Storage.Azure;
using Voting.Grains.Tests.Azurite;

namespace Voting.Grains.Tests.GrainStorage;

[Collection(AzuriteCollection.Name)]
public sealed class AzureTableGrainStorageTests(AzuriteFixture azurite) : GrainStorageConformanceTests
{
    // Every test gets its own table.
    private readonly string _table = "grainstate" + Guid.NewGuid().ToString("N")[..12];

    protected override void AddStorage(ISiloBuilder silo, string name) =>
        silo.AddAzureTableGrainStorage(name, azurite.ConnectionString, options => options.TableName = _table);
}
