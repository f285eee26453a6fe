namespace Voting.Grains.Contracts;

/// <summary>The result of a grain request: a value, or the failure and a reason a person can read.</summary>
[GenerateSerializer, Immutable]
public sealed record Outcome<T>([property: Id(0)] T? Value, [property: Id(1)] Failure Failure, [property: Id(2)] string? Error)
{
    public bool Succeeded => Failure == Failure.None;

    public static Outcome<T> Ok(T value) => new(value, Failure.None, null);

    public static Outcome<T> Fail(Failure failure, string error) => new(default, failure, error);
}
