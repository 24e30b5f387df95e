namespace Actors.Api.Contacts.Export;

/// <summary>How contacts are exported (configuration section "Export").</summary>
public sealed class ExportOptions
{
    public const string SectionName = "Export";

    /// <summary>Rows per .xlsx sheet, header included, before the export starts a new sheet (default and most: Excel's 1,048,576). Lower values serve tests.</summary>
    public int XlsxRowsPerSheet { get; set; } = XlsxContactWriter.ExcelMaxRows;

    /// <summary>
    /// Whether a CSV value that a spreadsheet would read as a formula is written after an apostrophe (default true; see
    /// <see cref="Grains.Imports.CsvFormulaGuard"/>). The xlsx export needs no such guard: its cells are typed as text.
    /// </summary>
    public bool GuardCsvFormulas { get; set; } = true;
}
