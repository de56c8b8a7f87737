using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Im.Bench.Hubs;

public sealed partial class BenchHubConnection
{
    private async Task ReceiveLoopAsync()
    {
        Exception? failure = null;
        try
        {
            while (true)
            {
                if (_buffered == _buffer.Length)
                {
                    Array.Resize(ref _buffer, _buffer.Length * 2);
                }

                var received = await _socket.ReceiveAsync(_buffer.AsMemory(_buffered), CancellationToken.None).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                _buffered += received.Count;
                DispatchRecords();
            }
        }
        catch (Exception error)
        {
            // Aborted by DisposeAsync, reset by a server that went away, or a record this
            // client cannot read: whichever, every pending call fails with it.
            failure = error;
        }

        Failure ??= failure is null ? null : $"{failure.GetType().Name}: {failure.Message}";
        var closed = new WebSocketException(WebSocketError.ConnectionClosedPrematurely, Failure ?? "connection closed");
        _handshake.TrySetException(closed);
        foreach (var (id, pending) in _pending)
        {
            if (_pending.TryRemove(id, out _))
            {
                pending.Completion.TrySetException(closed);
            }
        }

        lock (_awaitLock)
        {
            _awaitedDelivery?.TrySetException(closed);
        }
    }

    // A WebSocket message may hold several records, and a record may span messages: whole
    // records are handled in place, a partial one is moved to the front to be completed.
    private void DispatchRecords()
    {
        var start = 0;
        while (true)
        {
            var end = Array.IndexOf(_buffer, RecordSeparator, start, _buffered - start);
            if (end < 0)
            {
                break;
            }

            Dispatch(_buffer.AsSpan(start, end - start));
            start = end + 1;
        }

        if (start > 0)
        {
            Buffer.BlockCopy(_buffer, start, _buffer, 0, _buffered - start);
            _buffered -= start;
        }
    }

    private void Dispatch(ReadOnlySpan<byte> json)
    {
        if (!_handshake.Task.IsCompleted)
        {
            var answer = HubRecord.Parse(json);
            if (answer.Error is { } refused)
            {
                _handshake.TrySetException(new HubCallException($"handshake refused: {refused}"));
            }
            else
            {
                _handshake.TrySetResult();
            }

            return;
        }

        var record = HubRecord.Parse(json);
        switch (record.Type)
        {
            case HubRecord.Invocation:
                Interlocked.Increment(ref _eventsSeen);
                _deliveries?.CountEvent();
                if (record.IsMessage)
                {
                    OnDelivery(record.ClientMsgId);
                }
                else if (record.IsTicketCalled)
                {
                    TicketCalled?.Invoke(_index, record.WindowId);
                }

                break;
            case HubRecord.Completion when _pending.TryRemove(record.InvocationId, out var pending):
                if (record.Error is { } error)
                {
                    pending.Completion.TrySetException(new HubCallException(error));
                }
                else
                {
                    pending.Completion.TrySetResult(pending.WantsResult && !record.Result.IsEmpty ? JsonElement.Parse(record.Result) : default);
                }

                break;
            case HubRecord.Ping:
                _ = AnswerPingAsync();
                break;
            case HubRecord.Close:
                Failure = $"closed by the server{(record.Error is { } reason ? $": {reason}" : string.Empty)}";
                break;
        }
    }

    private void OnDelivery(ReadOnlySpan<byte> clientMsgId)
    {
        Interlocked.Increment(ref _deliveriesSeen);
        _deliveries?.Record(_index, clientMsgId);
        // Most connections never await a delivery: they skip the lock.
        if (Volatile.Read(ref _awaitedClientMsgId) is null)
        {
            return;
        }

        lock (_awaitLock)
        {
            if (_awaitedClientMsgId is { } awaited && Encoding.UTF8.GetByteCount(awaited) == clientMsgId.Length && Encoding.UTF8.GetString(clientMsgId) == awaited)
            {
                _awaitedDelivery!.TrySetResult();
                _awaitedClientMsgId = null;
                _awaitedDelivery = null;
            }
        }
    }

    private async Task AnswerPingAsync()
    {
        try
        {
            await SendAsync(PingRecord, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception error) when (error is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The receive loop sees the same failure and reports it.
        }
    }
}
