using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using Voting.Core.Json;
using Voting.Core.Text;
using Voting.Grains.Storage;

namespace Voting.Web;

/// <summary>Adds the residents' pages, the HTTP API, the live results hub and the API docs to a host that runs (or reaches) the Orleans cluster.</summary>
public static class VotingWebExtensions
{
    public static IServiceCollection AddVotingWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<VotingWebOptions>().Bind(configuration.GetSection(VotingWebOptions.Section))
            .Validate(o => o.Problem() is null, "the web node's settings (Voting:Max*Bytes, Voting:ObserverRefreshSeconds) must be positive")
            .ValidateOnStart();
        services.AddSingleton<BallotBoxes>();
        services.AddExceptionHandler<StorageUnavailableHandler>();
        services.AddOptions<DataFolderOptions>().BindConfiguration(DataFolderOptions.Section);
        services.AddSingleton(sp => AdminToken.Resolve(sp.GetRequiredService<IOptions<VotingWebOptions>>().Value, sp.GetRequiredService<IOptions<DataFolderOptions>>().Value));

        services.AddProblemDetails();
        services.AddExceptionHandler<RejectedRequests>();
        services.AddSingleton<PublicElections>();
        services.AddSingleton<OfficialAccounts>();
        services.AddSingleton<Admin.AdminElections>();
        services.AddMemoryCache();
        services.AddSingleton<Admin.InvitationCodeDownloads>();
        services.AddAuthentication()
            .AddCookie(VoterCookie.Scheme, VoterCookie.Configure)
            .AddCookie(OfficialCookie.Scheme, OfficialCookie.Configure)
            .AddScheme<AuthenticationSchemeOptions, OfficialBearer>(OfficialBearer.SchemeName, null);
        services.AddAuthorization(OfficialPolicies.Configure);
        services.AddAuthorization(LiveResultsAccess.Configure);
        // The pages' French and Spanish letters as they are, not as character references.
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(Languages.Configure);

        services.ConfigureHttpJsonOptions(o => VotingJson.Apply(o.SerializerOptions));
        services.AddOpenApi(ApiDocument.Configure);

        services.AddSignalR(o => o.AddFilter<HubRefusals>()).AddJsonProtocol(o => VotingJson.Apply(o.PayloadSerializerOptions));
        services.AddLogging(logging => logging.AddFilter(HubRefusals.DispatcherCategory, LogLevel.None));
        services.AddSingleton<ResultsObserver>();
        services.AddHostedService(sp => sp.GetRequiredService<ResultsObserver>());

        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<VotingWebOptions>>((forwarded, web) => web.Value.ForwardedHeaders.Configure(forwarded));
        services.AddSingleton<RateLimits>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<RateLimits>((limiter, limits) =>
        {
            limiter.GlobalLimiter = limits.Requests;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                RateLimits.Refuse(context.HttpContext, context.Lease);
                return new ValueTask(ApiProblems.Write(context.HttpContext, StatusCodes.Status429TooManyRequests, "too many requests; wait a moment and try again"));
            };
        });
        return services;
    }

    /// <summary>Room for a form's other fields and multipart boundaries around its file.</summary>
    private const long FormFieldsBytes = 1 << 20;

    /// <summary>Maps the pages, the API under /api, the OpenAPI document (/openapi/v1.json), its Scalar UI (/scalar) and the results hub.</summary>
    public static WebApplication MapVotingWeb(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseExceptionHandler(error => error.Run(context =>
        {
            var (status, reason) = context.Features.Get<IExceptionHandlerFeature>()?.Error switch
            {
                TimeoutException => (StatusCodes.Status503ServiceUnavailable,
                    $"the vote engine did not answer in time; try again in {StorageUnavailableHandler.RetryAfterSeconds} seconds"),
                _ => (StatusCodes.Status500InternalServerError, "internal error"),
            };
            // Every 503 says when to come back, as a storage outage's does.
            if (status == StatusCodes.Status503ServiceUnavailable)
                context.Response.Headers.RetryAfter = StorageUnavailableHandler.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ApiProblems.Write(context, status, reason);
        }));

        // Errors the framework answers without a body (415 from content-type matching, 405, unknown routes): a problem too.
        app.UseStatusCodePages(context =>
        {
            var http = context.HttpContext;
            var status = http.Response.StatusCode;
            if (!Api.Serves(http.Request) || status < 400)
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

        // The API serves no file, sets no cookie and speaks no language (its messages are English): the pages' middleware
        // stays off its path, which carries every ballot.
        app.UseWhen(context => !Api.Serves(context.Request), pages =>
        {
            pages.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new EmbeddedFileProvider(typeof(VotingWebExtensions).Assembly, "Voting.Web.wwwroot"),
                OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
            });
            pages.UseCookiePolicy(new CookiePolicyOptions
            {
                HttpOnly = HttpOnlyPolicy.Always,
                MinimumSameSitePolicy = SameSiteMode.Strict,
                Secure = CookieSecurePolicy.SameAsRequest,
            });
            pages.UseRequestLocalization();
        });
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.Use(RejectedRequests.FormBodies);

        app.MapOpenApi();
        app.MapScalarApiReference(o => o.WithTitle("Voting API").WithNonce().DisableDefaultFonts());
        Api.Map(app);
        ResultsHub.Map(app);
        LanguageCookie.Map(app);
        Admin.InvitationCodeDownloads.Map(app);
        // The roll import form takes a file as large as an import may be: more than the server's default body limit.
        var rollForm = new RequestSizeLimitAttribute(app.Services.GetRequiredService<IOptions<VotingWebOptions>>().Value.MaxVoterImportBytes + FormFieldsBytes);
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode()
            .Add(page =>
            {
                if (page.Metadata.OfType<ComponentTypeMetadata>().Any(component => component.Type == typeof(Pages.AdminElectionPage)))
                    page.Metadata.Add(rollForm);
            });
        return app;
    }
}
