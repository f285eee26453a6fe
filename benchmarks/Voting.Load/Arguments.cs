namespace Voting.Load;

/// <summary>A load command's options: <c>command --name value ...</c>, names case-insensitive.</summary>
public static class Arguments
{
    public static Dictionary<string, string> Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var rest = args.Skip(1).ToArray();
        for (int i = 0; i < rest.Length; i += 2)
        {
            if (!rest[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= rest.Length)
                throw new ArgumentException($"unexpected '{rest[i]}'");
            values[rest[i][2..]] = rest[i + 1];
        }
        return values;
    }
}
