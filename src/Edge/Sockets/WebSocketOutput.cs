using System.Buffers;
using System.IO.Pipelines;
using System.Net.WebSockets;

namespace Im.Edge.Sockets;

/// <summary>
/// The output SignalR writes a connection's messages to: what is written between two flushes
/// leaves as one WebSocket message, sent straight from the flush. SignalR's own WebSocket
/// transport puts a second pipe and a send loop between the two; this has neither.
/// </summary>
/// <remarks>
/// One writer at a time: SignalR's <c>HubConnectionContext</c> holds its write lock across
/// every write and flush. The buffer is rented for a write and returned after its flush, so an
/// idle connection holds none. A flush completes when the WebSocket accepted the message into
/// Kestrel's output pipe, so Kestrel's backpressure reaches SignalR's writers as before.
/// </remarks>
internal sealed class WebSocketOutput(WebSocket socket) : PipeWriter
{
    private const int MinimumSegment = 512;

    private byte[]? _buffer;
    private int _written;
    private volatile bool _sending;
    private bool _completed;
    private bool _gone;

    /// <summary>Text for the JSON hub protocol; SignalR sets the active transfer format at the handshake.</summary>
    public WebSocketMessageType MessageType { get; set; } = WebSocketMessageType.Text;

    public override void Advance(int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        if (_buffer is null || _written + bytes > _buffer.Length)
        {
            throw new InvalidOperationException("Advanced past the memory that was handed out.");
        }

        _written += bytes;
    }

    public override Memory<byte> GetMemory(int sizeHint = 0) => Reserve(sizeHint).AsMemory(_written);

    public override Span<byte> GetSpan(int sizeHint = 0) => Reserve(sizeHint).AsSpan(_written);

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        if (_gone)
        {
            Release();
            return new ValueTask<FlushResult>(Gone());
        }

        if (_written == 0 || _completed)
        {
            return new ValueTask<FlushResult>(new FlushResult(isCanceled: false, isCompleted: _completed));
        }

        var buffer = _buffer!;
        _buffer = null;
        var length = _written;
        _written = 0;
        // Marked before the send starts, so an abort racing it never misses a send stuck on
        // a client that stopped reading.
        _sending = true;
        ValueTask sending;
        try
        {
            sending = socket.SendAsync(buffer.AsMemory(0, length), MessageType, endOfMessage: true, cancellationToken);
        }
        catch (Exception ex) when (IsGone(ex))
        {
            _sending = false;
            ArrayPool<byte>.Shared.Return(buffer);
            return new ValueTask<FlushResult>(Gone());
        }

        if (sending.IsCompletedSuccessfully)
        {
            sending.GetAwaiter().GetResult();
            _sending = false;
            ArrayPool<byte>.Shared.Return(buffer);
            return new ValueTask<FlushResult>(new FlushResult(isCanceled: false, isCompleted: false));
        }

        return AwaitSendAsync(sending, buffer);
    }

    /// <summary>
    /// SignalR calls this whenever it aborts the connection, to free a writer stuck on a client
    /// that stopped reading. A send in progress cannot be taken back, so then the socket is
    /// aborted; with none in progress there is nothing to free, and what SignalR writes next
    /// (its close message) still leaves, as it would from its own transport's pipe.
    /// </summary>
    public override void CancelPendingFlush()
    {
        if (_sending)
        {
            socket.Abort();
        }
    }

    public override void Complete(Exception? exception = null)
    {
        _completed = true;
        Release();
    }

    private void Release()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            _written = 0;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async ValueTask<FlushResult> AwaitSendAsync(ValueTask sending, byte[] buffer)
    {
        try
        {
            await sending.ConfigureAwait(false);
            return new FlushResult(isCanceled: false, isCompleted: false);
        }
        catch (Exception ex) when (IsGone(ex))
        {
            return Gone();
        }
        finally
        {
            _sending = false;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // A client that went away ends the output, as a completed pipe does for SignalR's own
    // transport: SignalR then stops writing, without logging an error per closed connection.
    private FlushResult Gone()
    {
        _gone = true;
        return new FlushResult(isCanceled: false, isCompleted: true);
    }

    private static bool IsGone(Exception ex) => ex is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException;

    private byte[] Reserve(int sizeHint)
    {
        if (_completed)
        {
            throw new InvalidOperationException("The connection's output is complete.");
        }

        var needed = _written + Math.Max(sizeHint, MinimumSegment);
        if (_buffer is null)
        {
            _buffer = ArrayPool<byte>.Shared.Rent(needed);
        }
        else if (_buffer.Length - _written < Math.Max(sizeHint, 1))
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
            _buffer.AsSpan(0, _written).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        return _buffer;
    }
}
