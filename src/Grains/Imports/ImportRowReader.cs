using System.Globalization;
using Actors.Grains.Companies;
using Actors.Grains.Contacts;
using Actors.Grains.Fields;
using Actors.Interfaces.Companies;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Devices;
using Actors.Interfaces.Fields;
using Actors.Interfaces.Imports;
using Actors.Interfaces.Tags;

namespace Actors.Grains.Imports;

/// <summary>
/// Reads one row of an import into a plan, with Mautic's row rules (MAUTIC-SPEC 4.1): an empty cell never overwrites,
/// a literal NULL clears, booleans take Mautic's spellings (another value is left out and reported), zero dates are
/// skipped, multiselect values and tags split on '|' (a tag no tag name can be, over-long or holding a comma, is left out
/// and reported). Any other value the REST writes would refuse (<see cref="FieldValueRules"/>: an invalid email, an
/// option not in the list, a value too long, NaN and infinities as numbers), or more cells than the header has columns,
/// makes the whole row ignored, reported with its line, as does a quote that never closes (<see cref="ImportCsvReader"/>). A field the row gives no value of gets its default if the row
/// creates the contact (Mautic's LeadModel::import), not if it updates one. A row without a value for a required field,
/// nor a default, names it in its plan: it may update a contact but not create one.
/// </summary>
internal sealed class ImportRowReader(ImportSpec spec, IReadOnlyList<FieldDefinition> fields, DateTimeOffset at)
{
    public const string Null = "NULL";

    // The contact's lastActive member under its field alias, as the REST API reads it (ContactPayload).
    private const string LastActiveField = "last_active";

    private readonly Dictionary<string, FieldDefinition> _fields = fields.ToDictionary(f => f.Alias, StringComparer.OrdinalIgnoreCase);
    private readonly IReadOnlyList<string> _uniqueAliases = fields.Where(f => f.IsUniqueIdentifier && f.IsPublished).Select(f => f.Alias).ToArray();
    private readonly FieldValueLimits _limits = new(spec.MaxFieldLength, spec.MaxTextareaLength);
    private readonly FieldDefinition[] _required = fields.Where(f => f.IsRequired).ToArray();
    private readonly FieldDefinition[] _withDefaults = fields.Where(f => !string.IsNullOrEmpty(f.DefaultValue)).ToArray();

    public ImportRowPlan Read(ImportLine row)
    {
        if (row.UnclosedQuoteLine is { } quoteLine)
            return Ignored(row, UnclosedQuote(row.Line, quoteLine));
        if (IsBlank(row.Cells))
            return new ImportRowPlan { Line = row.Line, IsSkipped = true };
        if (row.Cells.All(string.IsNullOrEmpty))
            return Ignored(row, "The row is empty.");
        if (row.Cells.Length > spec.Headers.Count)
            return Ignored(row, $"The row has {row.Cells.Length} values but the header has {spec.Headers.Count} columns.");

        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var companyValues = new Dictionary<string, string?>(StringComparer.Ordinal);
        var warnings = new List<ImportProblem>();
        long? contactId = null, owner = spec.DefaultOwnerId;
        int? points = null;
        DateTimeOffset? lastActive = null;
        string? stage = null, ip = null;
        var tags = new List<string>(spec.DefaultTags);
        bool? doNotEmail = null;
        for (var i = 0; i < row.Cells.Length; i++)
        {
            var target = spec.Targets[i];
            var cell = CsvFormulaGuard.Unguard(row.Cells[i]);
            if (target is null || cell.Length == 0)
                continue;
            var isNull = cell == Null;
            switch (ImportColumns.Find(target))
            {
                case ImportColumns.Id when !isNull:
                    if (!long.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
                        return Ignored(row, $"id: '{cell}' is not a contact id.");
                    contactId = id;
                    break;
                case ImportColumns.Tags when !isNull:
                    foreach (var tag in ImportValues.List(cell))
                    {
                        // A leading '-' takes the tag off, as in every contact tag list; what is added must be a tag name.
                        if (tag.StartsWith('-') || Tag.NameProblem(tag) is not { } problem)
                            tags.Add(tag);
                        else
                            warnings.Add(new ImportProblem(row.Line, $"tags: {problem} It was left out.", RowIgnored: false));
                    }
                    break;
                case ImportColumns.Stage when !isNull:
                    stage = cell;
                    break;
                case ImportColumns.Owner when !isNull:
                    // As an id no published user has (ImportOwners): the owner is dropped, the row imported.
                    owner = long.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out var user) && user > 0 ? user : null;
                    if (owner is null)
                        warnings.Add(new ImportProblem(row.Line, $"owner: '{cell}' is not a user id; the row was imported without it.", RowIgnored: false));
                    break;
                case ImportColumns.DoNotEmail when !isNull:
                    doNotEmail = ImportValues.Boolean(cell);
                    if (doNotEmail is null)
                        warnings.Add(new ImportProblem(row.Line, $"doNotEmail: '{cell}' is not a boolean; it was left out.", RowIgnored: false));
                    break;
                case ImportColumns.IpAddress when !isNull:
                    ip = IpAddressSpelling.Canonical(cell);
                    if (ip is null)
                        warnings.Add(new ImportProblem(row.Line, $"ipAddress: '{cell}' is not an IP address; it was left out.", RowIgnored: false));
                    break;
                case null when _fields.TryGetValue(target, out var field):
                    if (field.Alias == "points" && !isNull)
                    {
                        if (!int.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var set))
                            return Ignored(row, System.Numerics.BigInteger.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                                ? $"points: '{cell}' is outside {int.MinValue} to {int.MaxValue}."
                                : $"points: '{cell}' is not a whole number.");
                        points = set;
                        break;
                    }
                    if (isNull)
                    {
                        values[field.Alias] = null;
                        break;
                    }
                    var (value, error, warning) = FieldValue(field, cell);
                    if (error is not null)
                        return Ignored(row, $"{field.Alias}: {error}");
                    if (warning is not null)
                        warnings.Add(new ImportProblem(row.Line, $"{field.Alias}: {warning}", RowIgnored: false));
                    else if (value is not null && field.Alias == LastActiveField)
                        lastActive = DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                    else if (value is not null)
                        values[field.Alias] = value;
                    break;
                case null when CompanyFields.Find(target) is { } companyField:
                    if (isNull)
                        companyValues[companyField.Alias] = null;
                    else if (FieldValueLimits.Exceeds(cell, spec.MaxFieldLength))
                        return Ignored(row, $"{companyField.Alias}: is longer than {spec.MaxFieldLength} characters.");
                    else if (CompanyFields.Problem(companyField, cell) is { } problem)
                        return Ignored(row, $"{companyField.Alias}: {problem}");
                    else
                        companyValues[companyField.Alias] = CompanyFields.Stored(companyField, cell);
                    break;
            }
        }
        if (CompanyOf(row, values, companyValues) is { } unnamed)
            warnings.Add(unnamed);

        var dnc = doNotEmail == true ? [new DoNotContact("email", DoNotContactReason.Manual, "Imported", at)] : Array.Empty<DoNotContact>();
        var edit = new ContactEdit
        {
            At = at,
            Fields = values,
            Points = points,
            LastActive = lastActive,
            OwnerId = owner,
            Stage = stage,
            Ip = ip,
            AddTags = tags.Distinct(StringComparer.Ordinal).ToArray(),
            DoNotContact = dnc,
            RemoveDoNotContact = doNotEmail == false ? ["email"] : [],
            JoinSegments = spec.DefaultSegmentId is { } segment ? [segment] : [],
            CompanyFields = companyValues,
            KeepExistingValues = spec.SkipIfExists,
            // An empty cell gives no value, so a new contact takes the default; a NULL cell gives an empty one.
            FieldDefaults = DefaultValues.LeftOutOf(_withDefaults, alias => values.ContainsKey(alias) || (alias == "points" && points is not null)),
            FieldDefaultsOnlyIfNew = true,
            CombinedUniqueAliases = spec.IdentifiersOperator == UniqueIdentifiersOperator.And ? _uniqueAliases : null,
            By = spec.CreatedBy,
        };
        return new ImportRowPlan
        {
            Line = row.Line,
            ContactId = contactId,
            Identifiers = TrackHit.IdentifiersOf(values, _uniqueAliases, spec.IdentifiersOperator),
            Warnings = warnings,
            Edit = edit,
            MissingRequired = RequiredFields.MissingFrom(_required, edit),
        };
    }

    /// <summary>
    /// Settles the row's company as Mautic's extractCompanyDataFromImport does: a companyname column names it, else the
    /// company column; the company field then names it, which links it (<see cref="CompaniesByName.LinkNamedCompany"/>)
    /// with the other company* values. Those values without a company to take them are left out, and the warning says so.
    /// </summary>
    private static ImportProblem? CompanyOf(ImportLine row, Dictionary<string, string?> values, Dictionary<string, string?> companyValues)
    {
        if (companyValues.Remove(CompanyNames.Alias, out var name) && name is not null)
            values[CompaniesByName.CompanyField] = name;
        if (companyValues.Count == 0 || !string.IsNullOrWhiteSpace(values.GetValueOrDefault(CompaniesByName.CompanyField)))
            return null;
        var leftOut = string.Join(", ", companyValues.Keys.Order(StringComparer.Ordinal));
        companyValues.Clear();
        return new ImportProblem(row.Line, $"{leftOut}: the row names no company to take them; they were left out.", RowIgnored: false);
    }

    /// <summary>
    /// The stored value, or the error that ignores the row, or the warning that leaves out this value only: the value
    /// rules of the REST writes (<see cref="FieldValueRules"/>), except that Mautic leaves out a boolean that is neither
    /// true nor false and skips a zero date.
    /// </summary>
    private (string? Value, string? Error, string? Warning) FieldValue(FieldDefinition field, string cell)
    {
        if (field.Type == "boolean" && FieldValueRules.Boolean(field, cell) is null)
            return (null, null, $"'{cell}' is not a boolean; it was left out.");
        if (ImportValues.IsDateType(field.Type) && ImportValues.IsZeroDate(cell))
            return (null, null, null);
        // A number is stored in its canonical form (1e3 as 1000).
        if (field.Type == "number")
            return ImportValues.Number(cell, out var number) ? (number, null, null) : (null, $"'{cell}' is not a number.", null);
        var (value, problem) = FieldValueRules.Check(field, cell, _limits);
        return (value, problem, null);
    }

    /// <summary>
    /// A row of white space, skipped uncounted as a blank line is: a single cell, or cells of which one holds spaces.
    /// Empty cells alone (",,") are a row that is empty, ignored and reported.
    /// </summary>
    internal static bool IsBlank(string[] cells) =>
        cells.All(string.IsNullOrWhiteSpace) && (cells.Length <= 1 || cells.Any(c => c.Length > 0));

    private static string UnclosedQuote(long line, long quoteLine) =>
        $"The quote opened on line {quoteLine} is never closed, so the row {(quoteLine == line ? "" : $"(lines {line} to {quoteLine}) ")}was not imported: "
        + "its value would run to the end of the file. The lines after it were read as rows; close the quote and import this row again.";

    private static ImportRowPlan Ignored(ImportLine row, string message) => new() { Line = row.Line, Error = message };
}
