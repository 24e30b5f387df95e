using System.Text.Json.Nodes;
using Actors.Api.Auth;
using Actors.Api.Errors;
using Actors.Api.Fields;
using Actors.Api.Http;
using Actors.Grains.Imports;
using Actors.Grains.Storage.Imports;
using Actors.Interfaces.Imports;
using Actors.Runtime;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Actors.Api.Contacts.Import;

/// <summary>
/// Contact imports (MAUTIC-SPEC 4.1) under /api/contacts/import: upload a CSV (multipart, streamed into the import file
/// store and checked before any row is applied), read one import's status, list them, stop one. The rows are applied
/// in the background by the import's job grain.
/// </summary>
public static class ImportEndpoints
{
    public static RouteGroupBuilder MapContactImports(this RouteGroupBuilder api)
    {
        var imports = api.MapGroup("/contacts/import");
        imports.MapPost("", UploadAsync).DisableAntiforgery();
        imports.MapGet("", ImportList.ListAsync);
        imports.MapGet("/{id}", GetAsync);
        imports.MapPost("/{id}/stop", StopAsync);
        imports.MapDelete("/{id}", StopAsync);
        return api;
    }

    private static async Task<IResult> UploadAsync(HttpContext context, IImportFileStore files, FieldCatalogCache catalog, IGrainFactory grains,
        ContactReferences references, IOptions<ImportOptions> importOptions, IOptions<ContactOptions> contactOptions)
    {
        var limit = importOptions.Value.MaxFileBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = ImportUpload.MaxBodyBytes(limit);
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
            return ApiErrors.BadRequest("Send the file as multipart/form-data with the CSV in a field named file.");

        var importId = Guid.NewGuid().ToString("N");
        ImportSpec spec;
        try
        {
            spec = await ImportUpload.ReadAsync(context.Request.Body, boundary, importId, files, catalog, importOptions.Value, contactOptions.Value, context.RequestAborted)
                with { CreatedBy = context.User.ActingUser() };
            await CheckDefaultsExistAsync(spec, references);
        }
        catch (Exception failure)
        {
            // No import points at the file yet: whatever stopped the upload (bad input, a client gone, a storage
            // failure), the chunks stored so far would be left behind for good.
            await files.DeleteAsync(importId, CancellationToken.None);
            if (Refusal(failure, limit) is { } refusal)
                return refusal;
            throw;
        }
        var status = await grains.GetGrain<IImportJobGrain>(importId).Start(spec);
        return Results.Json(new JsonObject { ["import"] = ImportJson.Write(status) }, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>
    /// The owner and segment every row gets must exist, the owner published as for any contact: a contact would
    /// otherwise point at a user or segment that no answer can show, on every row of the file.
    /// </summary>
    private static async Task CheckDefaultsExistAsync(ImportSpec spec, ContactReferences references)
    {
        if (spec.DefaultOwnerId is { } owner && await references.FindOwnerAsync(owner) is null)
            throw new ImportFileRejected(StatusCodes.Status400BadRequest, $"owner: no published user has the id {owner}.");
        if (spec.DefaultSegmentId is { } segment && await references.FindSegmentAsync(segment) is null)
            throw new ImportFileRejected(StatusCodes.Status400BadRequest, $"segment: no segment has the id {segment}.");
    }

    /// <summary>The answer to an upload that is bad input; null for a failure of the service.</summary>
    private static IResult? Refusal(Exception failure, long limit) => failure switch
    {
        ImportFileRejected rejected => ApiErrors.Problem(rejected.Status, rejected.Message),
        BadHttpRequestException tooLarge when tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge =>
            ApiErrors.Problem(StatusCodes.Status413PayloadTooLarge, $"The file is larger than Import:MaxFileBytes ({limit} bytes)."),
        // 408 for a body too slow, as the JSON endpoints answer it (RequestJson), 400 for bad chunking.
        IOException unreadable when UnreadableBody.IsRefusal(unreadable) => UnreadableBody.Answer(unreadable),
        FormatException or InvalidDataException => ApiErrors.BadRequest(failure.Message),
        // The multipart reader's own message ("Unexpected end of Stream, the content may have already been read by
        // another component") would mislead: nothing else read the body, it was cut short or was not multipart.
        IOException => ApiErrors.BadRequest("The body is not a complete multipart/form-data upload: it ends before its closing boundary."),
        _ => null,
    };

    private static async Task<IResult> GetAsync(string id, IGrainFactory grains) =>
        Answer(await grains.GetGrain<IImportJobGrain>(id).Status());

    private static async Task<IResult> StopAsync(string id, IGrainFactory grains) =>
        Answer(await grains.GetGrain<IImportJobGrain>(id).Stop());

    private static IResult Answer(ImportStatus? status) =>
        status is null ? ApiErrors.NotFound() : Results.Json(new JsonObject { ["import"] = ImportJson.Write(status) });
}
