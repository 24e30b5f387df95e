using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Actors.Grains.Fields;

namespace Actors.Api.Contacts.Export;

/// <summary>
/// Writes contacts to .xlsx with OpenXmlWriter (SAX style: each row goes out as it is written, no DOM), inline strings
/// instead of a shared-string table (which would grow with the data), and a new sheet, with the header again, whenever
/// a sheet reaches <see cref="RowsPerSheet"/> rows (Excel's limit, 1,048,576, header included). Characters XML cannot
/// hold are left out of the cells.
/// </summary>
public sealed class XlsxContactWriter : IDisposable
{
    public const int ExcelMaxRows = 1_048_576;

    private readonly SpreadsheetDocument _document;
    private readonly IReadOnlyList<string> _header;
    private readonly List<(string PartId, string Name)> _sheets = [];
    private OpenXmlWriter? _sheet;
    private int _rowsInSheet;

    public XlsxContactWriter(Stream destination, IReadOnlyList<string> header, int rowsPerSheet = ExcelMaxRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerSheet, 2);
        RowsPerSheet = rowsPerSheet;
        _header = header;
        _document = SpreadsheetDocument.Create(destination, SpreadsheetDocumentType.Workbook);
        _document.AddWorkbookPart();
    }

    public int RowsPerSheet { get; }

    public void WriteRow(IReadOnlyList<string?> values)
    {
        if (_sheet is null || _rowsInSheet == RowsPerSheet)
            StartSheet();
        WriteCells(values);
    }

    /// <summary>Ends the last sheet and writes the workbook that lists the sheets.</summary>
    public void Complete()
    {
        if (_sheet is null)
            StartSheet();
        EndSheet();
        using var workbook = OpenXmlWriter.Create(_document.WorkbookPart!);
        workbook.WriteStartElement(new Workbook());
        workbook.WriteStartElement(new Sheets());
        for (var i = 0; i < _sheets.Count; i++)
            workbook.WriteElement(new Sheet { Id = _sheets[i].PartId, SheetId = (uint)(i + 1), Name = _sheets[i].Name });
        workbook.WriteEndElement();
        workbook.WriteEndElement();
    }

    private void StartSheet()
    {
        EndSheet();
        var part = _document.WorkbookPart!.AddNewPart<WorksheetPart>();
        _sheets.Add((_document.WorkbookPart.GetIdOfPart(part), _sheets.Count == 0 ? "Contacts" : $"Contacts {_sheets.Count + 1}"));
        _sheet = OpenXmlWriter.Create(part);
        _sheet.WriteStartElement(new Worksheet());
        _sheet.WriteStartElement(new SheetData());
        _rowsInSheet = 0;
        WriteCells(_header);
    }

    private void WriteCells(IReadOnlyList<string?> values)
    {
        _sheet!.WriteStartElement(new Row());
        foreach (var value in values)
        {
            _sheet.WriteStartElement(new Cell { DataType = CellValues.InlineString });
            // Values stored before writes refused control characters, or by paths that let some through, must not fail the export.
            _sheet.WriteElement(new InlineString(new Text(XmlText.WithoutInvalid(value ?? "")) { Space = SpaceProcessingModeValues.Preserve }));
            _sheet.WriteEndElement();
        }
        _sheet.WriteEndElement();
        _rowsInSheet++;
    }

    private void EndSheet()
    {
        if (_sheet is null)
            return;
        _sheet.WriteEndElement();
        _sheet.WriteEndElement();
        _sheet.Dispose();
        _sheet = null;
    }

    public void Dispose() => _document.Dispose();
}
