namespace Voting.Web.Admin;

/// <summary>What is wrong with a CSV file, at a line (1 is the header) and, when it is one field's fault, a column.</summary>
public sealed record CsvProblem(int Line, string? Column, CsvProblemKind Kind, string? Value = null);

public enum CsvProblemKind
{
    /// <summary>The file has no header line.</summary>
    Empty,

    /// <summary>Bad quoting: a field the reader cannot take apart.</summary>
    Malformed,

    /// <summary>A column the file must have is missing from the header.</summary>
    MissingColumn,

    /// <summary>A header names a column this import does not know.</summary>
    UnknownColumn,

    /// <summary>A header names a column twice.</summary>
    DuplicateColumn,

    /// <summary>A line has more fields than the header names.</summary>
    ExtraFields,

    /// <summary>A field that holds an amount holds something else than a whole number.</summary>
    NotAWholeNumber,
}
