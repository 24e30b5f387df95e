using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace Actors.Api.Http;

/// <summary>
/// The body of a HEAD's answer: everything written to it is dropped here, and the first write or flush sends the
/// headers and then cancels <paramref name="headersSent"/>, the request's RequestAborted, so that the work producing
/// the rest (a streamed list's query, an export's rows) stops as it does for a client that leaves. Nothing written ever
/// reaches the server with that cancelled token: Kestrel aborts the connection when a write's token is cancelled. A
/// flush answers completed, as when the client is gone, so a writer that checks (a streamed list) ends at once.
/// </summary>
internal sealed class HeadResponseBody(IHttpResponseBodyFeature server, CancellationTokenSource headersSent) : Stream, IHttpResponseBodyFeature
{
    private readonly DroppingWriter _writer = new();
    private bool _started;

    Stream IHttpResponseBodyFeature.Stream => this;

    PipeWriter IHttpResponseBodyFeature.Writer => _writer.Attach(this);

    public void DisableBuffering() => server.DisableBuffering();

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_started)
            return;
        _started = true;
        await server.StartAsync(CancellationToken.None);
        await headersSent.CancelAsync();
    }

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) => StartAsync();

    public Task CompleteAsync() => server.CompleteAsync();

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush() => StartAsync().GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) => StartAsync();

    public override void Write(byte[] buffer, int offset, int count) => Flush();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => new(StartAsync());

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => StartAsync();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Hands out one buffer, grown as asked, and forgets what is written to it.</summary>
    private sealed class DroppingWriter : PipeWriter
    {
        private HeadResponseBody _body = null!;
        private byte[] _buffer = [];

        public DroppingWriter Attach(HeadResponseBody body)
        {
            _body = body;
            return this;
        }

        public override Memory<byte> GetMemory(int sizeHint = 0) => Buffer(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => Buffer(sizeHint);

        public override void Advance(int bytes)
        {
        }

        // System.Text.Json asks, to decide when to flush; nothing is ever held.
        public override bool CanGetUnflushedBytes => true;

        public override long UnflushedBytes => 0;

        public override async ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            await _body.StartAsync();
            return new FlushResult(isCanceled: false, isCompleted: true);
        }

        public override void CancelPendingFlush()
        {
        }

        public override void Complete(Exception? exception = null)
        {
        }

        private byte[] Buffer(int sizeHint)
        {
            if (_buffer.Length < Math.Max(sizeHint, 1))
                _buffer = new byte[Math.Max(sizeHint, 4096)];
            return _buffer;
        }
    }
}
