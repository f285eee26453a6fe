using Voting.Grains.Ballots;

namespace Voting.Grains.Tests.Ballots;

public class ReceiptCommitmentTests
{
    [Fact]
    public void Equal_ballots_get_receipts_of_their_own_across_many_draws_of_random_bytes()
    {
        var grades = new Dictionary<string, int> { ["p1"] = 4, ["p2"] = 0 };
        // 1,000 receipts draw 16 random bytes each: many refills of the kilobyte they are taken from.
        var receipts = Enumerable.Range(0, 1000).Select(_ => ReceiptCommitment.New("e", 1, grades)).ToList();
        Assert.All(receipts, r => Assert.Matches("^[0-9a-f]{32}$", r));
        Assert.Equal(receipts.Count, receipts.Distinct().Count());
    }
}
