namespace Voting.Web.Admin;

/// <summary>A problem of an administrator's form, tied to the field at fault and, for a CSV file, to its line and column.</summary>
public sealed record FieldProblem(string Field, string Message, int? Line = null, string? Column = null);
