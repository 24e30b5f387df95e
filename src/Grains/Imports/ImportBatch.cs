using Actors.Grains.Storage.Imports;
using Actors.Interfaces.Imports;
using CsvHelper;

namespace Actors.Grains.Imports;

/// <summary>One row of the file: its line (where it starts) and its cells.</summary>
internal sealed record ImportLine(long Line, string[] Cells);

/// <summary>
/// The next rows of an import's file from a checkpoint, and the checkpoint after them: the byte offset and line where
/// the first row not in this batch starts. Reading one row past the batch is what finds that offset exactly.
/// </summary>
internal sealed record ImportBatch(IReadOnlyList<ImportLine> Lines, long NextOffset, long NextLine, bool IsLast)
{
    public static async Task<ImportBatch> ReadAsync(IImportFileStore files, string importId, ImportSpec spec, long offset, long line,
        int size, CancellationToken cancellationToken)
    {
        await using var stream = files.OpenRead(importId, offset);
        await using var reader = CsvReader.Create(stream, ImportCsv.Options(spec), leaveOpen: false);
        var lines = new List<ImportLine>(size);
        while (await reader.ReadAsync(cancellationToken))
        {
            var at = line + reader.LineNumber - 1;
            if (lines.Count == size)
                return new ImportBatch(lines, offset + reader.ByteOffset, at, IsLast: false);
            var cells = new string[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++)
                cells[i] = reader.GetString(i);
            lines.Add(new ImportLine(at, cells));
        }
        return new ImportBatch(lines, offset, line, IsLast: true);
    }
}
