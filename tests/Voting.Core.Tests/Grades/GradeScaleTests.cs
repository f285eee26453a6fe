using Voting.Core.Grades;

namespace Voting.Core.Tests.Grades;

public class GradeScaleTests
{
    [Fact]
    public void Paris_scale_has_labels_in_french_english_and_spanish_worst_first()
    {
        var paris = GradeScale.Paris;
        Assert.Equal("J'adore", paris.Label(paris.Count - 1, "fr"));
        Assert.Equal("I love it", paris.Label(paris.Count - 1, "en"));
        Assert.Equal("Me encanta", paris.Label(paris.Count - 1, "es"));
        Assert.All(paris.Labels, label => Assert.Equal(["en", "es", "fr"], label.Keys));
    }

    [Fact]
    public void Missing_language_falls_back_to_english()
    {
        Assert.Equal("To reject", GradeScale.Classic.Label(0, "de"));
    }

    [Fact]
    public void A_scale_needs_two_grades() =>
        Assert.Throws<ArgumentException>(() => new GradeScale([LocalizedText.Plain("only")]));
}
