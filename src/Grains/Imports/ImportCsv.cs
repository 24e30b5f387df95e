using CsvHelper;
using Actors.Interfaces.Imports;

namespace Actors.Grains.Imports;

/// <summary>
/// How an import's file is parsed, the same for its header (read when it is uploaded) and its rows. With an enclosure
/// the file is RFC 4180 (a doubled enclosure is a literal one); without one, the escape character protects the next
/// character. Line numbers are tracked, so a reported line is the file's own line.
/// </summary>
public static class ImportCsv
{
    public static CsvReaderOptions Options(char delimiter, char enclosure, char escape, bool hasHeader) => new()
    {
        Separator = delimiter,
        HasHeader = hasHeader,
        Mode = enclosure == '\0' ? CsvMode.Escape : CsvMode.Rfc4180,
        Quote = enclosure == '\0' ? '"' : enclosure,
        Escape = escape,
        TrackLineNumbers = true,
        SkipEmptyLines = true,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        MissingField = CsvMissingFieldHandling.ReturnEmpty,
    };

    public static CsvReaderOptions Options(ImportSpec spec) => Options(spec.Delimiter, spec.Enclosure, spec.Escape, hasHeader: false);
}
