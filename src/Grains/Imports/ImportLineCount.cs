using Actors.Grains.Storage.Imports;
using Actors.Interfaces.Imports;

namespace Actors.Grains.Imports;

/// <summary>
/// The rows an import will count, its lineCount: the file's records after the header as the job's reader reads them,
/// so a quoted value that spans lines is one row, a quote that never closes is the one row the job reports, and the
/// blank rows the job skips uncounted are left out. The progress then ends at lineCount of lineCount, as Mautic's
/// counters end at its line_count, where the file's physical lines would leave a file with a multi-line value short.
/// </summary>
public static class ImportLineCount
{
    /// <summary>Reads the stored file once, from the first data row of <paramref name="spec"/>.</summary>
    public static async Task<long> CountAsync(IImportFileStore files, string importId, ImportSpec spec, CancellationToken cancellationToken)
    {
        await using var reader = new ImportCsvReader(at => files.OpenRead(importId, at), spec.DataOffset, spec.DataLine,
            spec.Delimiter, spec.Enclosure, spec.Escape);
        long rows = 0;
        while (await reader.ReadAsync(cancellationToken) is { } record)
        {
            if (record.UnclosedQuoteLine is not null || !ImportRowReader.IsBlank(record.Cells))
                rows++;
        }
        return rows;
    }
}
