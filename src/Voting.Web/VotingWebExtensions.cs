using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
using Voting.Core.Grades;
using Voting.Core.Json;
using Voting.Core.Text;

namespace Voting.Web;

/// <summary>Adds the residents' pages, the HTTP API, the live results hub and the API docs to a host that runs (or reaches) the Orleans cluster.</summary>
public static class VotingWebExtensions
{
    public static IServiceCollection AddVotingWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<VotingWebOptions>(configuration.GetSection(VotingWebOptions.Section));
        services.AddSingleton<BallotBoxes>();
        services.AddSingleton(sp => AdminToken.Resolve(sp.GetRequiredService<IOptions<VotingWebOptions>>().Value));

        services.AddProblemDetails();
        services.AddExceptionHandler<RejectedRequests>();
        services.AddSingleton<PublicElections>();
        services.AddSingleton<OfficialAccounts>();
        services.AddAuthentication()
            .AddCookie(VoterCookie.Scheme, VoterCookie.Configure)
            .AddCookie(OfficialCookie.Scheme, OfficialCookie.Configure);
        services.AddAuthorization(OfficialPolicies.Configure);
        // The pages' French and Spanish letters as they are, not as character references.
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddRazorComponents();
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(Languages.Configure);

        services.ConfigureHttpJsonOptions(o => VotingJson.Apply(o.SerializerOptions));
        services.AddOpenApi(o => o.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonTypeInfo.Type == typeof(LocalizedText))
            {
                schema.Type = JsonSchemaType.Object;
                schema.AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String };
                schema.Description = "A text keyed by language code, e.g. {\"fr\": \"J'adore\", \"en\": \"I love it\"}.";
            }
            return Task.CompletedTask;
        }).AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Voting API";
            document.Info.Description =
                "Majority-judgment elections: define, import the voter roll, open, cast graded ballots, close, and read the results. " +
                "Officials authenticate with `Authorization: Bearer <official token>`; residents cast with `Authorization: Bearer <invitation code>`. " +
                "Every error is a JSON object `{\"error\": \"reason\"}`. Live results stream from the SignalR hub at /hubs/results (JoinElection(id), then `results` messages).";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The official token (Voting:AdminToken, or the one generated on first start), or a resident's invitation code on the ballot endpoint.",
            };
            return Task.CompletedTask;
        }));

        services.AddSignalR(o => o.AddFilter<HubRefusals>()).AddJsonProtocol(o => VotingJson.Apply(o.PayloadSerializerOptions));
        services.AddLogging(logging => logging.AddFilter(HubRefusals.DispatcherCategory, LogLevel.None));
        services.AddSingleton<ResultsObserver>();
        services.AddHostedService(sp => sp.GetRequiredService<ResultsObserver>());

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<VotingWebOptions>>((limiter, web) =>
        {
            var limits = web.Value.RateLimiting;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                await context.HttpContext.Response.WriteAsJsonAsync(
                    new ApiError("too many requests from this address; wait a moment and try again"), VotingJson.Options, cancellationToken);
            };
            limiter.AddPolicy(Api.CastPolicy, http => !limits.Enabled
                ? RateLimitPartition.GetNoLimiter("off")
                : RateLimitPartition.GetTokenBucketLimiter(ClientAddress(http), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(1, limits.CastPerMinute),
                    TokensPerPeriod = Math.Max(1, (int)Math.Ceiling(limits.CastPerMinute / 60.0)),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            limiter.AddPolicy(Api.LoginPolicy, http => !limits.Enabled
                ? RateLimitPartition.GetNoLimiter("off")
                : RateLimitPartition.GetFixedWindowLimiter(ClientAddress(http), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, limits.LoginPerMinute),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
        });
        return services;
    }

    /// <summary>Maps the pages, the API under /api, the OpenAPI document (/openapi/v1.json), its Scalar UI (/scalar) and the results hub.</summary>
    public static WebApplication MapVotingWeb(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseExceptionHandler(error => error.Run(context =>
        {
            var (status, reason) = context.Features.Get<IExceptionHandlerFeature>()?.Error switch
            {
                TimeoutException => (StatusCodes.Status503ServiceUnavailable, "the vote engine did not answer in time; try again"),
                _ => (StatusCodes.Status500InternalServerError, "internal error"),
            };
            return ApiProblems.Write(context, status, reason);
        }));

        // Errors the framework answers without a body (415 from content-type matching, 405, unknown routes): a problem too.
        app.UseStatusCodePages(context =>
        {
            var http = context.HttpContext;
            var status = http.Response.StatusCode;
            if (!http.Request.Path.StartsWithSegments("/api") || status < 400)
                return Task.CompletedTask;
            var reason = status switch
            {
                StatusCodes.Status404NotFound => "no such resource",
                StatusCodes.Status405MethodNotAllowed => $"{Excerpt.Of(http.Request.Method)} is not allowed here",
                StatusCodes.Status415UnsupportedMediaType => JsonBody.NotJson(http.Request),
                _ => ReasonPhrases.GetReasonPhrase(status),
            };
            return ApiProblems.Write(http, status, reason);
        });

        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(typeof(VotingWebExtensions).Assembly, "Voting.Web.wwwroot"),
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });
        app.UseCookiePolicy(new CookiePolicyOptions
        {
            HttpOnly = HttpOnlyPolicy.Always,
            MinimumSameSitePolicy = SameSiteMode.Strict,
            Secure = CookieSecurePolicy.SameAsRequest,
        });
        app.UseRequestLocalization();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.Use(RejectedRequests.FormBodies);

        app.MapOpenApi();
        app.MapScalarApiReference(o => o.WithTitle("Voting API").WithNonce().DisableDefaultFonts());
        Api.Map(app);
        app.MapHub<ResultsHub>(ResultsHub.Path);
        LanguageCookie.Map(app);
        app.MapRazorComponents<Components.App>();
        return app;
    }

    private static string ClientAddress(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } address ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString() : IPAddress.None.ToString();

}
