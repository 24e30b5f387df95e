using Actors.Grains.Storage.Imports;
using Actors.Interfaces.Imports;

namespace Actors.Grains.Imports;

/// <summary>One row of the file: its line (where it starts) and its cells, or the line of a quote it opens and never closes.</summary>
internal sealed record ImportLine(long Line, string[] Cells, long? UnclosedQuoteLine = null);

/// <summary>
/// The next rows of an import's file from a checkpoint, and the checkpoint after them: the byte offset and line where
/// the first row not in this batch starts. Reading one row past the batch is what finds that offset exactly.
/// </summary>
internal sealed record ImportBatch(IReadOnlyList<ImportLine> Lines, long NextOffset, long NextLine, bool IsLast)
{
    public static async Task<ImportBatch> ReadAsync(IImportFileStore files, string importId, ImportSpec spec, long offset, long line,
        int size, CancellationToken cancellationToken)
    {
        await using var reader = new ImportCsvReader(at => files.OpenRead(importId, at), offset, line, spec.Delimiter, spec.Enclosure, spec.Escape);
        var lines = new List<ImportLine>(size);
        while (await reader.ReadAsync(cancellationToken) is { } record)
        {
            if (lines.Count == size)
                return new ImportBatch(lines, record.Offset, record.Line, IsLast: false);
            lines.Add(new ImportLine(record.Line, record.Cells, record.UnclosedQuoteLine));
        }
        return new ImportBatch(lines, offset, line, IsLast: true);
    }
}
