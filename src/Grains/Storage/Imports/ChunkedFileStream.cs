namespace Actors.Grains.Storage.Imports;

/// <summary>
/// A read-only stream over a file stored in chunks. It fetches a piece of at most <see cref="PieceSize"/> bytes at a time,
/// when the reader gets to it: a job reads a batch of rows (a few dozen kilobytes) from the middle of a 1 MiB chunk,
/// and fetching the whole chunk for each batch cost a 1 MiB array on the large object heap every time, which under
/// memory pressure was what failed first.
/// </summary>
/// <param name="readPiece">
/// Reads up to the given number of bytes of a chunk from the given position in it: an empty array past the chunk's end,
/// null when there is no such chunk.
/// </param>
internal sealed class ChunkedFileStream(Func<int, int, int, CancellationToken, Task<byte[]?>> readPiece, long offset) : Stream
{
    /// <summary>Below the 85,000 bytes from which arrays go to the large object heap.</summary>
    public const int PieceSize = 64 * 1024;

    private byte[] _piece = [];
    private int _position;
    private int _chunk = (int)(offset / IImportFileStore.ChunkSize);
    private int _inChunk = (int)(offset % IImportFileStore.ChunkSize);
    private bool _ended;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_position >= _piece.Length)
        {
            if (_ended)
                return 0;
            var next = await readPiece(_chunk, _inChunk, PieceSize, cancellationToken);
            if (next is null)
            {
                _ended = true;
                return 0;
            }
            if (next.Length == 0)
            {
                (_chunk, _inChunk) = (_chunk + 1, 0);
                continue;
            }
            (_piece, _position) = (next, 0);
            _inChunk += next.Length;
        }
        var count = Math.Min(buffer.Length, _piece.Length - _position);
        _piece.AsMemory(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Reading is asynchronous all the way (the import's reader never calls this); blocking a grain's thread on a query would stall its activation.
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read the import file asynchronously.");

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
