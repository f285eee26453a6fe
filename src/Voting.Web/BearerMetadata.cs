namespace Voting.Web;

/// <summary>
/// Endpoint metadata: the request authenticates with <c>Authorization: Bearer</c> (the official token or an invitation code),
/// always (<see cref="Required"/>) or only to see more (<see cref="Optional"/>). The API document declares it per operation.
/// </summary>
public sealed record BearerMetadata(bool IsOptional)
{
    public static BearerMetadata Required { get; } = new(IsOptional: false);

    public static BearerMetadata Optional { get; } = new(IsOptional: true);
}
