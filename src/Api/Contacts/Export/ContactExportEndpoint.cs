using System.Globalization;
using Actors.Api.Contacts.List;
using Actors.Api.Errors;
using Actors.Api.Fields;
using Actors.Api.Lists;
using Actors.Grains.Storage.Contacts.Query;
using CsvHelper;
using Microsoft.Extensions.Options;

namespace Actors.Api.Contacts.Export;

/// <summary>
/// GET /api/contacts/export?format=csv|xlsx with the list's search and where[]: every matching contact, read from the
/// contacts table with keyset paging. CSV is written to the response as the pages arrive; .xlsx (a zip, which needs a
/// seekable stream) is written the same way into a temporary file that is then streamed and deleted. Memory stays flat.
/// An export reads the database for as long as its client takes, so it runs in one of the <see cref="StreamSlots"/>, as a
/// long list page does.
/// </summary>
public static class ContactExportEndpoint
{
    public static RouteGroupBuilder MapContactExport(this RouteGroupBuilder api)
    {
        api.MapGet("/contacts/export", ExportAsync);
        return api;
    }

    private static async Task<IResult> ExportAsync(HttpContext context, FieldCatalogCache catalog, ContactReferences references, IOptions<ExportOptions> options, StreamSlots slots)
    {
        string format;
        try
        {
            format = Format(context.Request.QueryString.Value ?? "");
        }
        catch (FormatException bad)
        {
            return ApiErrors.BadRequest(bad.Message);
        }
        ContactExportReader reader;
        try
        {
            reader = context.RequestServices.GetRequiredService<ContactExportReader>();
        }
        catch (NotSupportedException withoutTable)
        {
            return ApiErrors.Problem(StatusCodes.Status501NotImplemented, withoutTable.Message);
        }
        var fields = (await catalog.GetAsync()).Fields;
        IAsyncEnumerable<ExportedContact> contacts;
        // Read fresh, not from the few seconds' cache: an import makes the stages its rows name, on whichever process it
        // runs. A stage no longer listed (a delete's sweep still running) shows as stored.
        references.Invalidate();
        var known = await references.GetAsync();
        Func<string, string> stageName = stored => known.Stage(stored)?.Name ?? stored;
        try
        {
            // Read (and so checked) before the response starts, with the list's answer to a filter it refuses.
            var filter = ContactListRequest.Read(context, fields, known.Search).Query.Filter;
            contacts = reader.ReadAsync(filter, context.RequestAborted);
        }
        catch (Exception bad) when (bad is FormatException or ContactQueryException)
        {
            return ApiErrors.BadRequest(bad.Message);
        }
        // Taken once the request is known good, so a bad one is a 400 even when every slot is taken.
        if (await slots.TakeAsync(context) is not { } slot)
            return StreamSlots.Busy(context);
        var columns = new ExportColumns(fields);
        var stamp = DateTimeOffset.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        return format == "csv"
            ? new ExportResult("text/csv; charset=utf-8", $"contacts_export_{stamp}.csv", slot, body => WriteCsvAsync(body, columns, stageName, options.Value.GuardCsvFormulas, contacts, context.RequestAborted))
            : new ExportResult("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"contacts_export_{stamp}.xlsx", slot,
                body => WriteXlsxAsync(body, columns, stageName, contacts, options.Value.XlsxRowsPerSheet, context.RequestAborted));
    }

    /// <summary>
    /// The format asked for, read in pair order as the list reads its plain parameters (<see cref="BracketQuery.Text"/>):
    /// "format=csv&amp;format=xlsx" is xlsx, as PHP keeps the later pair; csv when none is given.
    /// </summary>
    /// <exception cref="FormatException">The format is neither csv nor xlsx, or an array ("format[]=xlsx").</exception>
    private static string Format(string query) => (BracketQuery.Text(query, "format") ?? "").ToLowerInvariant() switch
    {
        "" or "csv" => "csv",
        "xlsx" => "xlsx",
        _ => throw new FormatException("format must be csv or xlsx."),
    };

    private static async Task WriteCsvAsync(Stream body, ExportColumns columns, Func<string, string> stageName, bool guardFormulas, IAsyncEnumerable<ExportedContact> contacts,
        CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(body, CsvWriterOptions.Default, leaveOpen: true);
        foreach (var name in columns.Names)
            csv.WriteField(name);
        await csv.EndRecordAsync(cancellationToken);
        var row = new ExportRow(columns, stageName, guardFormulas);
        await foreach (var contact in contacts)
        {
            row.Load(contact);
            row.WriteCsv(csv);
            await csv.EndRecordAsync(cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
    }

    private static async Task WriteXlsxAsync(Stream body, ExportColumns columns, Func<string, string> stageName, IAsyncEnumerable<ExportedContact> contacts, int rowsPerSheet,
        CancellationToken cancellationToken)
    {
        var path = Path.GetTempFileName();
        try
        {
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                using var xlsx = new XlsxContactWriter(file, columns.Names, rowsPerSheet);
                var row = new ExportRow(columns, stageName);
                await foreach (var contact in contacts)
                {
                    row.Load(contact);
                    xlsx.WriteRow(row.ToStrings());
                }
                xlsx.Complete();
            }
            await using var written = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await written.CopyToAsync(body, cancellationToken);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Sends the body as an attachment, written straight to the response as it is produced, then gives back its slot.</summary>
    private sealed class ExportResult(string contentType, string fileName, IDisposable slot, Func<Stream, Task> write) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            using var _ = slot;
            httpContext.Response.ContentType = contentType;
            httpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
            await write(httpContext.Response.Body);
        }
    }
}
