namespace Actors.Grains.Storage.Imports;

/// <summary>A read-only stream over a file stored in chunks: it fetches one chunk at a time, when the reader gets to it.</summary>
internal sealed class ChunkedFileStream(Func<int, CancellationToken, Task<byte[]?>> readChunk, long offset) : Stream
{
    private byte[] _chunk = [];
    private int _position;
    private int _nextChunk = (int)(offset / IImportFileStore.ChunkSize);
    private int _skip = (int)(offset % IImportFileStore.ChunkSize);
    private bool _ended;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_position >= _chunk.Length)
        {
            if (_ended)
                return 0;
            var next = await readChunk(_nextChunk++, cancellationToken);
            if (next is null)
            {
                _ended = true;
                return 0;
            }
            _chunk = next;
            _position = Math.Min(_skip, next.Length);
            _skip = 0;
        }
        var count = Math.Min(buffer.Length, _chunk.Length - _position);
        _chunk.AsMemory(_position, count).CopyTo(buffer);
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
