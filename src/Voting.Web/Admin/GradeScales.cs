using Voting.Core.Grades;

namespace Voting.Web.Admin;

/// <summary>The grade scales the election form offers, by the name its field posts.</summary>
internal static class GradeScales
{
    public static IReadOnlyList<(string Name, GradeScale Scale)> All { get; } = [("paris", GradeScale.Paris), ("classic", GradeScale.Classic)];

    public static GradeScale? Find(string? name) => All.FirstOrDefault(s => s.Name == name).Scale;
}
