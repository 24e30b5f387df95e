namespace Actors.Api.Contacts.Export;

/// <summary>How contacts are exported (configuration section "Export").</summary>
public sealed class ExportOptions
{
    public const string SectionName = "Export";

    /// <summary>Rows per .xlsx sheet, header included, before the export starts a new sheet (default and most: Excel's 1,048,576). Lower values serve tests.</summary>
    public int XlsxRowsPerSheet { get; set; } = XlsxContactWriter.ExcelMaxRows;
}
