using Actors.Api.Fields;
using Actors.Grains.Imports;
using Actors.Grains.Storage.Imports;
using Actors.Interfaces.Imports;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Actors.Api.Contacts.Import;

/// <summary>
/// Reads an import upload (multipart/form-data: the file and the settings, in any order), streaming the file into the
/// import file store under the import's id, and checks it all into the spec of the import. The file is stored before
/// the settings that follow it are known, so a caller that gets an exception must delete the stored file.
/// </summary>
public static class ImportUpload
{
    // Form fields besides the file are small; this bounds what one may hold.
    public const int MaxSettingLength = 64 * 1024;

    /// <summary>
    /// The largest upload body with a file of <paramref name="maxFileBytes"/>: the file, two settings at their
    /// longest, and room for the other settings and the multipart framing. A proxy in front must let it through.
    /// </summary>
    public static long MaxBodyBytes(long maxFileBytes) => maxFileBytes + 2 * MaxSettingLength + 64 * 1024;

    /// <exception cref="ImportFileRejected">The file cannot be imported.</exception>
    /// <exception cref="FormatException">A setting has a value it cannot take.</exception>
    /// <exception cref="InvalidDataException">A part's headers are malformed.</exception>
    /// <exception cref="IOException">The body ends before the multipart's closing boundary, or is not multipart at all.</exception>
    public static async Task<ImportSpec> ReadAsync(Stream body, string boundary, string importId, IImportFileStore files, FieldCatalogCache catalog,
        ImportOptions importOptions, ContactOptions contactOptions, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        ImportUploadFile? file = null;
        string? fileName = null;
        var reader = new MultipartReader(boundary, body);
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                continue;
            if (disposition.FileName.HasValue || disposition.FileNameStar.HasValue)
            {
                if (file is not null)
                    throw new ImportFileRejected(StatusCodes.Status400BadRequest, "Send one file per import.");
                fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                file = await ImportUploadFile.ReceiveAsync(section.Body, files, importId, importOptions.MaxFileBytes, cancellationToken);
            }
            else if (HeaderUtilities.RemoveQuotes(disposition.Name).Value is { } name)
            {
                form[name] = await ReadSettingAsync(section.Body, name, cancellationToken);
            }
        }
        if (file is null)
            throw new ImportFileRejected(StatusCodes.Status400BadRequest, "No file was sent: add the CSV as a file field.");
        if (!file.HasText)
            throw new ImportFileRejected(StatusCodes.Status400BadRequest, "The file is empty.");
        if (file.HasOnlyCarriageReturnLineEnds)
            throw new ImportFileRejected(StatusCodes.Status400BadRequest,
                "The file's lines end with a carriage return (CR) alone, as classic Mac OS saved them: it reads as one line, as Mautic reads it. "
                + "Save it with LF or CR LF line ends.");
        var settings = ImportSettings.Read(form);
        var fields = (await catalog.GetAsync()).Fields;
        var header = await ImportHeader.ReadAsync(file, settings, fields);
        var spec = new ImportSpec
        {
            FileName = string.IsNullOrWhiteSpace(fileName) ? "import.csv" : Path.GetFileName(fileName),
            FileBytes = file.Bytes,
            LineCount = 0,
            DataOffset = header.DataOffset,
            DataLine = header.DataLine,
            Delimiter = settings.Delimiter,
            Enclosure = settings.Enclosure,
            Escape = settings.Escape,
            Headers = header.Headers,
            Targets = header.Targets,
            MappedFields = ImportFieldBinding.Bind(header.Targets, fields),
            DefaultOwnerId = settings.Owner,
            DefaultSegmentId = settings.Segment,
            DefaultTags = settings.Tags,
            SkipIfExists = settings.SkipIfExists,
            MaxFieldLength = contactOptions.MaxFieldLength,
            MaxTextareaLength = contactOptions.MaxTextareaLength,
            IdentifiersOperator = contactOptions.UniqueIdentifiersOperator,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        // Counted as the job will read the rows, so the count shown while the import is queued is the one it ends at.
        return spec with { LineCount = await ImportLineCount.CountAsync(files, importId, spec, cancellationToken) };
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
}
