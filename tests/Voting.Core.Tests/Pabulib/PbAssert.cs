using Voting.Core.Pabulib;

namespace Voting.Core.Tests.Pabulib;

internal static class PbAssert
{
    public static void Same(PbInstance expected, PbInstance actual)
    {
        Assert.Equal(expected.Meta.ToArray(), actual.Meta.ToArray());
        Assert.Equal(expected.ProjectColumns, actual.ProjectColumns);
        Assert.Equal(expected.VoteColumns, actual.VoteColumns);
        Assert.Equal(expected.Projects.Count, actual.Projects.Count);
        for (int i = 0; i < expected.Projects.Count; i++)
        {
            var (e, a) = (expected.Projects[i], actual.Projects[i]);
            Assert.Equal(e.Id, a.Id);
            Assert.Equal(e.Cost, a.Cost);
            Assert.Equal(e.Name, a.Name);
            Assert.Equal(e.Fields.ToArray(), a.Fields.ToArray());
        }
        Assert.Equal(expected.Votes.Count, actual.Votes.Count);
        for (int i = 0; i < expected.Votes.Count; i++)
        {
            var (e, a) = (expected.Votes[i], actual.Votes[i]);
            Assert.Equal(e.VoterId, a.VoterId);
            Assert.Equal(e.Projects, a.Projects);
            Assert.Equal(e.Points, a.Points);
            Assert.Equal(e.Fields.ToArray(), a.Fields.ToArray());
        }
    }
}
