using System.Text;
using Actors.Grains.Storage.Imports;

namespace Actors.Api.Contacts.Import;

/// <summary>Why an uploaded file was refused before any of its rows was applied.</summary>
public sealed class ImportFileRejected(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>
/// Streams an uploaded file into the import file store chunk by chunk, checking on the way that it stays under the
/// size limit, decodes as UTF-8 and holds no NUL or other binary control bytes, and whether its lines end in LF. Memory stays
/// at one chunk whatever the size; a refused file is deleted by the caller.
/// </summary>
public sealed class ImportUploadFile
{
    public long Bytes { get; private set; }
    public long NewLines { get; private set; }
    public byte[] FirstChunk { get; private set; } = [];
    public bool HasText { get; private set; }
    public bool HasCarriageReturn { get; private set; }

    public static async Task<ImportUploadFile> ReceiveAsync(Stream body, IImportFileStore files, string importId, long maxBytes, CancellationToken cancellationToken)
    {
        var file = new ImportUploadFile();
        var decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
        var buffer = new byte[IImportFileStore.ChunkSize];
        var chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
        for (var index = 0; ; index++)
        {
            var read = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            if (read == 0)
                break;
            file.Bytes += read;
            if (file.Bytes > maxBytes)
                throw new ImportFileRejected(StatusCodes.Status413PayloadTooLarge, $"The file is larger than Import:MaxFileBytes ({maxBytes} bytes).");
            var chunk = buffer.AsMemory(0, read);
            file.Inspect(chunk.Span, decoder, chars, flush: read < buffer.Length);
            if (index == 0)
                file.FirstChunk = chunk.ToArray();
            await files.SaveChunkAsync(importId, index, chunk, cancellationToken);
            if (read < buffer.Length)
                break;
        }
        return file;
    }

    private void Inspect(ReadOnlySpan<byte> chunk, Decoder decoder, char[] chars, bool flush)
    {
        try
        {
            decoder.GetChars(chunk, chars, flush);
        }
        catch (DecoderFallbackException)
        {
            throw new ImportFileRejected(StatusCodes.Status400BadRequest, "The file is not UTF-8 text. Save it as UTF-8 CSV.");
        }
        foreach (var b in chunk)
        {
            if (b < 0x20 && b is not (byte)'\n' and not (byte)'\r' and not (byte)'\t')
                throw new ImportFileRejected(StatusCodes.Status400BadRequest, "The file is not a UTF-8 CSV text file: it holds NUL or other control bytes, as UTF-16 text and binary files do.");
            if (b == '\n')
                NewLines++;
            else if (b == '\r')
                HasCarriageReturn = true;
            else if (b is not (byte)' ' and not (byte)'\r' and not (byte)'\t' and not 0xEF and not 0xBB and not 0xBF)
                HasText = true;
        }
    }

    /// <summary>
    /// Whether the lines end with CRs alone (classic Mac OS files): PHP's fgetcsv, as Mautic runs it since PHP 8.1
    /// (auto_detect_line_endings off), and the import's reader take such a file as one line.
    /// </summary>
    public bool HasOnlyCarriageReturnLineEnds => HasCarriageReturn && NewLines == 0;
}
