using System.Globalization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Voting.Core.Grades;

namespace Voting.Web;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>) as clients should read it: each operation's credential, schemas as the
/// API's one JSON convention (<see cref="Voting.Core.Json.VotingJson"/>) reads and writes them, and no server address
/// guessed from whoever asked for the document.
/// </summary>
internal static class ApiDocument
{
    public const string BearerScheme = "bearer";

    public static void Configure(OpenApiOptions options)
    {
        options.AddSchemaTransformer(DescribeLocalizedText);
        options.AddOperationTransformer(DeclareSecurity);
        options.AddOperationTransformer(DescribeDownloads);
        options.AddDocumentTransformer(DescribeDocument);
    }

    /// <summary>
    /// <see cref="LocalizedText"/> has its own converter, so the generator knows nothing of its shape: an object of
    /// strings keyed by language. A list of them would even lose its item type: give it back.
    /// </summary>
    private static async Task DescribeLocalizedText(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type == typeof(LocalizedText))
        {
            schema.Type = JsonSchemaType.Object;
            schema.AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String };
            schema.Description = "A text keyed by language code, e.g. {\"fr\": \"J'adore\", \"en\": \"I love it\"}.";
        }
        else if (context.JsonTypeInfo.ElementType == typeof(LocalizedText) && schema.Items is null)
        {
            schema.Items = await context.GetOrCreateSchemaAsync(typeof(LocalizedText), cancellationToken: cancellationToken);
        }
    }

    /// <summary>Operations marked with <see cref="BearerMetadata"/> need the bearer scheme (or accept it); every other one needs nothing.</summary>
    private static Task DeclareSecurity(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var bearer = context.Description.ActionDescriptor.EndpointMetadata.OfType<BearerMetadata>().LastOrDefault();
        operation.Security = [];
        if (bearer is null)
            return Task.CompletedTask;
        if (bearer.IsOptional)
            operation.Security.Add(new OpenApiSecurityRequirement()); // anonymous allowed
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
        return Task.CompletedTask;
    }

    /// <summary>A response declared with a content type and no .NET type (the election record's zip) is a download of bytes of that type.</summary>
    private static Task DescribeDownloads(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var download in context.Description.ActionDescriptor.EndpointMetadata.OfType<IProducesResponseTypeMetadata>().Where(m => m.Type is null || m.Type == typeof(void)))
        {
            if (operation.Responses?.TryGetValue(download.StatusCode.ToString(CultureInfo.InvariantCulture), out var response) is not true || response is not OpenApiResponse declared)
                continue;
            declared.Content ??= new Dictionary<string, OpenApiMediaType>();
            foreach (var contentType in download.ContentTypes)
                declared.Content[contentType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, ContentMediaType = contentType } };
        }
        return Task.CompletedTask;
    }

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Voting API";
        document.Info.Description =
            "Majority-judgment elections: define, import the voter roll, open, cast graded ballots, close, and read the results. " +
            "Officials authenticate with `Authorization: Bearer <official token>`; residents cast with `Authorization: Bearer <invitation code>`. " +
            "Every error is an RFC 9457 problem (`application/problem+json`) whose `error` member gives the reason (`{\"error\": \"reason\", ...}`). Live results stream from the SignalR hub at /hubs/results (JoinElection(id), then `results` messages).";
        // The engine runs at addresses it cannot know (behind proxies too): the API is at the root of wherever this document was fetched from.
        document.Servers = [new OpenApiServer { Url = "/", Description = "The address this document was fetched from." }];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The official token (Voting:AdminToken, or the one generated on first start), or a resident's invitation code on the residents' operations.",
        };
        var tags = new Dictionary<string, string>
        {
            ["Officials"] = "Checking the official token.",
            ["Elections"] = "Defining elections, importing voter rolls, opening and closing the vote (official token), reading elections and results.",
            ["Residents"] = "Casting a ballot and reading it back with the invitation code; checking a receipt.",
            ["Auditors"] = "The election record, to verify and recount the vote offline.",
        };
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
            if (tag.Name is { } name && tags.TryGetValue(name, out var description))
                tag.Description = description;
        return Task.CompletedTask;
    }
}
