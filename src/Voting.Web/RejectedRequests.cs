using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Voting.Web;

/// <summary>
/// Requests the server itself rejects while the application reads them (a body that stalls, is cut short, has a
/// malformed chunked encoding or is too large) and clients that drop the connection mid-body: the client's doing, not
/// the server's fault. Logged as a one-line warning, answered with a problem when the connection still allows it;
/// every other exception stays for the exception handler (logged as an error, answered 500 or 503).
/// </summary>
internal sealed partial class RejectedRequests(ILogger<RejectedRequests> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var request = httpContext.Request;
        switch (exception)
        {
            case BadHttpRequestException bad:
                var reason = Reason(bad.StatusCode);
                Rejected(logger, request.Method, request.Path, bad.StatusCode, reason);
                if (!httpContext.RequestAborted.IsCancellationRequested)
                    await ApiProblems.Write(httpContext, bad.StatusCode, reason);
                return true;
            case ConnectionResetException:
                ClientGone(logger, request.Method, request.Path);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// A form whose body the server rejected while antiforgery read it (stalled, cut short, too large) is that
    /// rejection (antiforgery wraps it), not a missing token: rethrown for <see cref="TryHandleAsync"/> to answer.
    /// </summary>
    public static Task FormBodies(HttpContext context, RequestDelegate next) =>
        context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false, Error.InnerException: BadHttpRequestException rejected }
            ? throw rejected
            : next(context);

    /// <summary>Kestrel's own messages name its settings; these say what the client can do.</summary>
    private static string Reason(int status) => status switch
    {
        StatusCodes.Status408RequestTimeout => "the request body arrived too slowly; send it again",
        StatusCodes.Status413PayloadTooLarge => "the request body is too large",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "the request headers are too large",
        _ => "the request body is malformed or was cut short; send it again",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} rejected with {Status}: {Reason}")]
    private static partial void Rejected(ILogger logger, string method, string path, int status, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path}: the client closed the connection while sending the request")]
    private static partial void ClientGone(ILogger logger, string method, string path);
}
