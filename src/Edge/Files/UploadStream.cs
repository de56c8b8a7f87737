namespace Im.Edge.Files;

/// <summary>
/// A multipart section's body as the file store reads it: the header bytes already read
/// for the signature check, then the rest, failing with <see cref="FileTooLargeException"/>
/// as soon as more than the limit has come in, so an oversized upload is never held whole.
/// </summary>
internal sealed class UploadStream(ReadOnlyMemory<byte> header, Stream rest, long maxBytes) : Stream
{
    private ReadOnlyMemory<byte> _header = header;
    private long _total;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _total;
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        if (!_header.IsEmpty)
        {
            read = Math.Min(buffer.Length, _header.Length);
            _header[..read].CopyTo(buffer);
            _header = _header[read..];
        }
        else
        {
            read = await rest.ReadAsync(buffer, cancellationToken);
        }

        _total += read;
        return _total > maxBytes ? throw new FileTooLargeException(maxBytes) : read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("read asynchronously");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
