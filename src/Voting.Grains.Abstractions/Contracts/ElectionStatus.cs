namespace Voting.Grains.Contracts;

[GenerateSerializer]
public enum ElectionStatus
{
    Draft,
    Open,
    Closed,
}
