using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Actors.Api.Contacts.Export;

/// <summary>
/// Writes contacts to .xlsx SAX style (each row goes out as it is written, no DOM), inline strings instead of a
/// shared-string table (which would grow with the data), and a new sheet, with the header again, whenever a sheet
/// reaches <see cref="RowsPerSheet"/> rows (Excel's limit, 1,048,576, header included). Characters XML cannot hold are
/// left out of the cells; every other character is kept, a CR too (see <see cref="SheetXml"/>), and a literal
/// <c>_xHHHH_</c> is written escaped so that Excel shows it as stored (<see cref="ExcelEscapes"/>).
/// </summary>
public sealed class XlsxContactWriter : IDisposable
{
    public const int ExcelMaxRows = 1_048_576;

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>
    /// The sheets are written with an XmlWriter of their own because OpenXmlWriter's (XmlWriterSettings' default,
    /// NewLineHandling.Replace) writes a CR as the platform's line end, and an XML reader reads a CR LF as a LF anyway:
    /// a textarea's "a\r\nb" came back "a\nb". Entitize writes the CR as &amp;#xD;, a CR to every XML reader (Excel,
    /// LibreOffice, the OpenXml SDK). Excel's own _x000D_ escape is not used: the SDK and LibreOffice show it verbatim.
    /// </summary>
    private static readonly XmlWriterSettings SheetXml = new() { NewLineHandling = NewLineHandling.Entitize, Encoding = new UTF8Encoding(false), CloseOutput = true };

    private readonly SpreadsheetDocument _document;
    private readonly IReadOnlyList<string> _header;
    private readonly List<(string PartId, string Name)> _sheets = [];
    private XmlWriter? _sheet;
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
        _sheet = XmlWriter.Create(part.GetStream(FileMode.Create), SheetXml);
        _sheet.WriteStartElement("worksheet", Main);
        _sheet.WriteStartElement("sheetData", Main);
        _rowsInSheet = 0;
        WriteCells(_header);
    }

    private void WriteCells(IReadOnlyList<string?> values)
    {
        _sheet!.WriteStartElement("row", Main);
        foreach (var value in values)
        {
            _sheet.WriteStartElement("c", Main);
            _sheet.WriteAttributeString("t", "inlineStr");
            _sheet.WriteStartElement("is", Main);
            _sheet.WriteStartElement("t", Main);
            _sheet.WriteAttributeString("xml", "space", null, "preserve");
            // Values stored before writes refused control characters, or by paths that let some through, must not fail the export.
            _sheet.WriteString(ExcelEscapes.Escape(Interfaces.Text.XmlText.WithoutInvalid(value ?? "")));
            _sheet.WriteEndElement();
            _sheet.WriteEndElement();
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
