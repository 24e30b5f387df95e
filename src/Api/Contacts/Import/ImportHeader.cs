using System.Text;
using Actors.Grains.Companies;
using Actors.Grains.Fields;
using Actors.Grains.Imports;
using Actors.Interfaces.Fields;
using Actors.Interfaces.Imports;
using Actors.Grains.Errors;

namespace Actors.Api.Contacts.Import;

/// <summary>
/// The header of an uploaded file and the field each of its columns feeds: the given mapping, checked against the
/// header and the field catalog, or else Mautic's automatic one (a header normalised to letters, digits and '_',
/// lower-cased, that equals a field alias or a special target). Every published required field must be mapped.
/// </summary>
public sealed record ImportHeader(IReadOnlyList<string> Headers, IReadOnlyList<string?> Targets, long DataOffset, long DataLine)
{
    /// <exception cref="ImportFileRejected">The header cannot be read, or the mapping names what does not exist or leaves out a required field.</exception>
    public static async Task<ImportHeader> ReadAsync(ImportUploadFile file, ImportSettings settings, IReadOnlyList<FieldDefinition> fields)
    {
        var chunk = file.FirstChunk;
        await using var reader = new ImportCsvReader(at => new MemoryStream(chunk, (int)at, chunk.Length - (int)at, writable: false), 0, 1,
            settings.Delimiter, settings.Enclosure, settings.Escape);
        var longerThanChunk = file.Bytes > chunk.Length;
        var header = await reader.ReadAsync();
        if (header?.UnclosedQuoteLine is { } quoteLine && !longerThanChunk)
            throw Rejected($"The quote opened on line {quoteLine} of the header is never closed; check the enclosure.");
        var headers = (header?.Cells ?? []).Select(h => h.Trim()).ToArray();
        if (header?.UnclosedQuoteLine is not null || await reader.ReadAsync() is not { } firstRow)
            throw Rejected(longerThanChunk
                ? "The header line is longer than the first mebibyte of the file; check the delimiter and enclosure."
                : "The file has a header but no rows.");
        var (offset, line) = (firstRow.Offset, firstRow.Line);
        var targets = settings.Mapping is { } mapping ? Mapped(headers, mapping, fields) : AutoMapped(headers, fields);
        if (targets.All(t => t is null))
            throw Rejected($"No column of the file maps to a contact field (columns: {EchoedInput.List(headers)}). " +
                "Give a mapping, or name the columns after field aliases.");
        // Two values for one field in every row: each row would be refused, so the file is, before it starts.
        if (targets.Select((target, column) => (target, column)).Where(t => t.target is not null).GroupBy(t => t.target)
                .FirstOrDefault(same => same.Count() > 1) is { } shared)
            throw Rejected($"More than one column maps to {shared.Key}: {EchoedInput.List(shared.Select(t => headers[t.column]))}. Map each field from one column.");
        // MAUTIC-SPEC 4.1: required fields must be mapped, or every new contact would lack them.
        if (RequiredFields.Unmapped(fields, targets) is { Count: > 0 } unmapped)
            throw Rejected($"Required fields must be mapped: no column maps to {string.Join(", ", unmapped)}.");
        return new ImportHeader(headers, targets, offset, line);
    }

    private static string?[] Mapped(string[] headers, IReadOnlyDictionary<string, string> mapping, IReadOnlyList<FieldDefinition> fields)
    {
        var unknownColumns = mapping.Keys.Where(column => !headers.Contains(column.Trim(), StringComparer.Ordinal)).ToArray();
        if (unknownColumns.Length > 0)
            throw Rejected($"The mapping names columns the file does not have: {EchoedInput.List(unknownColumns)}.");
        var unknownFields = mapping.Values.Where(alias => alias.Length > 0 && Target(alias, fields) is null).ToArray();
        if (unknownFields.Length > 0)
            throw Rejected($"The mapping names unknown contact fields: {EchoedInput.List(unknownFields)}.");
        // Headers are trimmed, so "Email" and "Email " name one column: two fields for it have no meaning.
        if (mapping.Keys.GroupBy(column => column.Trim(), StringComparer.Ordinal).FirstOrDefault(same => same.Count() > 1) is { } twice)
            throw Rejected($"The mapping names the column {EchoedInput.Cap(twice.Key)} more than once ({EchoedInput.List(twice, quote: "\"")}).");
        var byColumn = mapping.ToDictionary(m => m.Key.Trim(), m => m.Value, StringComparer.Ordinal);
        return headers.Select(h => byColumn.TryGetValue(h, out var alias) && alias.Length > 0 ? Target(alias, fields) : null).ToArray();
    }

    private static string?[] AutoMapped(string[] headers, IReadOnlyList<FieldDefinition> fields) =>
        headers.Select(h => Target(Normalize(h), fields)).ToArray();

    /// <summary>
    /// The canonical name of a special target, a contact field alias or a company field alias (MAUTIC-SPEC 4.1: company
    /// fields are targets too, and find or create the row's company), or null.
    /// </summary>
    private static string? Target(string name, IReadOnlyList<FieldDefinition> fields) =>
        ImportColumns.Find(name)
        ?? fields.FirstOrDefault(f => f.IsPublished && string.Equals(f.Alias, name, StringComparison.OrdinalIgnoreCase))?.Alias
        ?? CompanyFields.Find(name)?.Alias;

    /// <summary>Mautic's header normalisation: letters, digits and '_' kept, lower-cased.</summary>
    public static string Normalize(string header)
    {
        var normal = new StringBuilder(header.Length);
        foreach (var c in header.Trim())
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '_')
                normal.Append(char.ToLowerInvariant(c));
        }
        return normal.ToString();
    }

    private static ImportFileRejected Rejected(string message) => new(StatusCodes.Status400BadRequest, message);
}
