namespace Voting.Web.Components;

/// <summary>
/// A grade's colour, as a class of the stylesheet: <c>tone-0</c> (red, the worst) to <c>tone-6</c> (green, the best);
/// a scale of other than 7 grades spreads over them.
/// </summary>
internal static class Tones
{
    private const int Count = 7;

    public static int Of(int grade, int grades) =>
        (int)Math.Round(grade * (Count - 1.0) / Math.Max(1, grades - 1), MidpointRounding.AwayFromZero);
}
