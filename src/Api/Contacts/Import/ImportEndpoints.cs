using System.Text.Json.Nodes;
using Actors.Api.Errors;
using Actors.Api.Fields;
using Actors.Grains.Imports;
using Actors.Grains.Storage.Imports;
using Actors.Interfaces.Imports;
using Actors.Runtime;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
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
    // Form fields besides the file are small; this bounds what one may hold.
    private const int MaxSettingLength = 64 * 1024;

    public static RouteGroupBuilder MapContactImports(this RouteGroupBuilder api)
    {
        var imports = api.MapGroup("/contacts/import");
        imports.MapPost("", UploadAsync).DisableAntiforgery();
        imports.MapGet("", ListAsync);
        imports.MapGet("/{id}", GetAsync);
        imports.MapPost("/{id}/stop", StopAsync);
        imports.MapDelete("/{id}", StopAsync);
        return api;
    }

    private static async Task<IResult> UploadAsync(HttpContext context, IImportFileStore files, FieldCatalogCache catalog, IGrainFactory grains,
        IOptions<ImportOptions> importOptions, IOptions<ContactOptions> contactOptions)
    {
        var limit = importOptions.Value.MaxFileBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limit + 2 * MaxSettingLength + 64 * 1024;
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
            return ApiErrors.BadRequest("Send the file as multipart/form-data with the CSV in a field named file.");

        var importId = Guid.NewGuid().ToString("N");
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        ImportUploadFile? file = null;
        string? fileName = null;
        try
        {
            var reader = new MultipartReader(boundary, context.Request.Body);
            while (await reader.ReadNextSectionAsync(context.RequestAborted) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                    continue;
                if (disposition.FileName.HasValue || disposition.FileNameStar.HasValue)
                {
                    if (file is not null)
                        throw new ImportFileRejected(StatusCodes.Status400BadRequest, "Send one file per import.");
                    fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    file = await ImportUploadFile.ReceiveAsync(section.Body, files, importId, limit, context.RequestAborted);
                }
                else if (HeaderUtilities.RemoveQuotes(disposition.Name).Value is { } name)
                {
                    form[name] = await ReadSettingAsync(section.Body, name, context.RequestAborted);
                }
            }
            if (file is null)
                throw new ImportFileRejected(StatusCodes.Status400BadRequest, "No file was sent: add the CSV as a file field.");
            if (!file.HasText)
                throw new ImportFileRejected(StatusCodes.Status400BadRequest, "The file is empty.");
            var settings = ImportSettings.Read(form);
            var fields = (await catalog.GetAsync()).Fields;
            var header = await ImportHeader.ReadAsync(file, settings, fields);
            var spec = new ImportSpec
            {
                FileName = string.IsNullOrWhiteSpace(fileName) ? "import.csv" : Path.GetFileName(fileName),
                FileBytes = file.Bytes,
                LineCount = Math.Max(0, file.Lines - (header.DataLine - 1)),
                DataOffset = header.DataOffset,
                DataLine = header.DataLine,
                Delimiter = settings.Delimiter,
                Enclosure = settings.Enclosure,
                Escape = settings.Escape,
                Headers = header.Headers,
                Targets = header.Targets,
                DefaultOwnerId = settings.Owner,
                DefaultSegmentId = settings.Segment,
                DefaultTags = settings.Tags,
                SkipIfExists = settings.SkipIfExists,
                MaxFieldLength = contactOptions.Value.MaxFieldLength,
                IdentifiersOperator = contactOptions.Value.UniqueIdentifiersOperator,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            var status = await grains.GetGrain<IImportJobGrain>(importId).Start(spec);
            return Results.Json(new JsonObject { ["import"] = ImportJson.Write(status) }, statusCode: StatusCodes.Status201Created);
        }
        catch (Exception refused) when (refused is ImportFileRejected or FormatException or BadHttpRequestException or InvalidDataException)
        {
            await files.DeleteAsync(importId, CancellationToken.None);
            return refused switch
            {
                ImportFileRejected rejected => ApiErrors.Problem(rejected.Status, rejected.Message),
                BadHttpRequestException tooLarge when tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge =>
                    ApiErrors.Problem(StatusCodes.Status413PayloadTooLarge, $"The file is larger than Import:MaxFileBytes ({limit} bytes)."),
                _ => ApiErrors.BadRequest(refused.Message),
            };
        }
    }

    private static async Task<string> ReadSettingAsync(Stream body, string name, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body);
        var buffer = new char[MaxSettingLength + 1];
        var read = await reader.ReadBlockAsync(buffer, cancellationToken);
        if (read > MaxSettingLength)
            throw new FormatException($"{name} is longer than {MaxSettingLength} characters.");
        return new string(buffer, 0, read);
    }

    private static async Task<IResult> ListAsync(IGrainFactory grains)
    {
        var ids = await grains.GetGrain<IImportDirectoryGrain>(IImportDirectoryGrain.Key).List();
        var statuses = await Task.WhenAll(ids.Select(id => grains.GetGrain<IImportJobGrain>(id).Status()));
        var imports = statuses.OfType<ImportStatus>().Select(s => (JsonNode)ImportJson.Write(s)).ToArray();
        return Results.Json(new JsonObject { ["total"] = imports.Length, ["imports"] = new JsonArray(imports) });
    }

    private static async Task<IResult> GetAsync(string id, IGrainFactory grains) =>
        Answer(await grains.GetGrain<IImportJobGrain>(id).Status());

    private static async Task<IResult> StopAsync(string id, IGrainFactory grains) =>
        Answer(await grains.GetGrain<IImportJobGrain>(id).Stop());

    private static IResult Answer(ImportStatus? status) =>
        status is null ? ApiErrors.NotFound() : Results.Json(new JsonObject { ["import"] = ImportJson.Write(status) });
}
