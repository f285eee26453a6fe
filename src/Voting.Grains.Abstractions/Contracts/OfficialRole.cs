namespace Voting.Grains.Contracts;

/// <summary>What an official account may do: an administrator everything, an observer watch live results.</summary>
[GenerateSerializer]
public enum OfficialRole
{
    Administrator,
    Observer,
}
