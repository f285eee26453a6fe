namespace Voting.Grains.Contracts;

/// <summary>The result of a grain request: a value, or the failure, a reason a person can read and, where a request had several, each problem.</summary>
[GenerateSerializer, Immutable]
public sealed record Outcome<T>(
    [property: Id(0)] T? Value,
    [property: Id(1)] Failure Failure,
    [property: Id(2)] string? Error,
    [property: Id(3)] IReadOnlyList<string>? Problems = null)
{
    public bool Succeeded => Failure == Failure.None;

    public static Outcome<T> Ok(T value) => new(value, Failure.None, null);

    public static Outcome<T> Fail(Failure failure, string error) => new(default, failure, error);

    /// <summary>A failure with several problems: the reason names them all.</summary>
    public static Outcome<T> Fail(Failure failure, string summary, IReadOnlyList<string> problems) =>
        new(default, failure, $"{summary}: {string.Join("; ", problems)}", problems);
}
