namespace Voting.Grains.Contracts;

/// <summary>Why a request was refused; the web layer maps each to an HTTP status.</summary>
[GenerateSerializer]
public enum Failure
{
    None,
    NotFound,      // 404: unknown election, receipt
    AlreadyExists, // 409: election id taken, voter already on the roll
    Invalid,       // 400: bad definition, unknown project, grade out of scale, empty ballot
    NotOpen,       // 409: vote before open, or definition change after open
    Closed,        // 409: vote after close
    Unauthorized,  // 401: unknown invitation code
    Forbidden,     // 403: project in an envelope the voter may not vote in
}
