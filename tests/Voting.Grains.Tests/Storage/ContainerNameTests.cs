using System.Text.RegularExpressions;
using Voting.Grains.Storage.Azure;

namespace Voting.Grains.Tests.Storage;

public sealed class ContainerNameTests
{
    [Theory]
    [InlineData("", "elections", "elections")]
    [InlineData("t1", "elections", "t1-elections")]
    [InlineData("", "voter-rolls", "voter-rolls")]
    public void Valid_collection_names_are_kept(string prefix, string collection, string expected) =>
        Assert.Equal(expected, ContainerName.For(prefix, collection));

    [Theory]
    [InlineData("", "Elections")]
    [InlineData("t1", "elections/paris")]
    [InlineData("", "ab")]
    [InlineData("", "--")]
    [InlineData("", "")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789abcd", "a-collection-name-that-is-far-too-long-for-a-blob-container-name")]
    public void Other_names_become_valid_and_distinct_container_names(string prefix, string collection)
    {
        var name = ContainerName.For(prefix, collection);
        Assert.Matches(new Regex("^[a-z0-9]+(-[a-z0-9]+)*$"), name);
        Assert.InRange(name.Length, 3, 63);
        Assert.NotEqual(ContainerName.For(prefix, collection + "x"), name);
    }

    [Fact]
    public void Names_differing_only_in_case_get_different_containers() =>
        Assert.NotEqual(ContainerName.For("", "Elections"), ContainerName.For("", "elections"));
}
