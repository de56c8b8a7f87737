using System.Net.WebSockets;

namespace Im.Edge.Sockets;

// Receiving and closing: the only loop a direct hub connection runs of its own.
internal sealed partial class HubSocketConnection
{
    private const int ReceiveSegment = 4096;

    /// <summary>
    /// Moves what the client sends into the pipe SignalR parses, until the client closes, the
    /// connection drops or SignalR stops reading. Waits with a zero-byte read, so an idle
    /// connection holds no receive buffer.
    /// </summary>
    public async Task ReceiveAsync()
    {
        var writer = _input.Writer;
        try
        {
            while (true)
            {
                var ready = await _socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None).ConfigureAwait(false);
                if (ready.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                var received = await _socket.ReceiveAsync(writer.GetMemory(ReceiveSegment), CancellationToken.None).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                writer.Advance(received.Count);
                var flushed = await writer.FlushAsync().ConfigureAwait(false);
                if (flushed.IsCompleted || flushed.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away without a close frame, or the connection was aborted: for
            // SignalR both are the end of the input, as with its own transport.
        }
        finally
        {
            await writer.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Asks SignalR to end the connection: its read loop stops as if aborted, sends the close
    /// message (reconnect allowed) and runs the hub's disconnect; then <see cref="CloseAsync"/> follows.
    /// </summary>
    public void RequestClose() => _input.Reader.CancelPendingRead();

    /// <summary>
    /// Ends the WebSocket after SignalR is done with the connection: a close frame if the
    /// socket is still open, then up to <paramref name="timeout"/> for the client's, then abort.
    /// </summary>
    public async Task CloseAsync(Task receiving, TimeSpan timeout)
    {
        _output.Complete();
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var closing = new CancellationTokenSource(timeout);
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, closing.Token).ConfigureAwait(false);
                await receiving.WaitAsync(closing.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
            {
                // A client that does not answer the close is cut off below.
            }
        }

        // Aborting the WebSocket does not end a read it has pending on Kestrel's pipe (it reads
        // without a token of its own): cancelling that read does, whatever the client does.
        _socket.Abort();
        _kestrel.Transport.Input.CancelPendingRead();
        await receiving.ConfigureAwait(false);
        await _input.Reader.CompleteAsync().ConfigureAwait(false);
        _socket.Dispose();
    }
}
