using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Voting.Grains.Storage;

namespace Voting.Web;

/// <summary>Answers 503 with <c>Retry-After</c> when the store could not be reached: nothing was written, trying again later is safe.</summary>
internal sealed class StorageUnavailableHandler : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!Caused(exception)) return false;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await ApiProblems.Write(httpContext, StatusCodes.Status503ServiceUnavailable,
            $"the vote's storage cannot be reached right now and nothing was recorded; try again in {RetryAfterSeconds} seconds");
        return true;
    }

    private static bool Caused(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
            if (exception is StorageUnavailableException) return true;
        return false;
    }
}
