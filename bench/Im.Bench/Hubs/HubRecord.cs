using System.Buffers.Text;
using System.Text.Json;

namespace Im.Bench.Hubs;

/// <summary>
/// What the bench needs from one record of SignalR's JSON hub protocol, read in one pass
/// without building a document: the type, an invocation's id, result and error, for a
/// <c>message</c> event the clientMsgId of its first argument, and for a hall's
/// <c>ticketCalled</c> event the windowId of its first argument.
/// </summary>
public readonly ref struct HubRecord
{
    public const int Invocation = 1;
    public const int Completion = 3;
    public const int Ping = 6;
    public const int Close = 7;

    private HubRecord(int type, int invocationId, bool isMessage, bool isTicketCalled, ReadOnlySpan<byte> clientMsgId, ReadOnlySpan<byte> windowId, ReadOnlySpan<byte> result, string? error)
    {
        Type = type;
        InvocationId = invocationId;
        IsMessage = isMessage;
        IsTicketCalled = isTicketCalled;
        ClientMsgId = clientMsgId;
        WindowId = windowId;
        Result = result;
        Error = error;
    }

    public int Type { get; }

    /// <summary>The completion's invocation id; the bench numbers its invocations, so anything else is -1.</summary>
    public int InvocationId { get; }

    /// <summary>An invocation of the client's <c>message</c> handler: a delivered chat message.</summary>
    public bool IsMessage { get; }

    /// <summary>An invocation of the client's <c>ticketCalled</c> handler: a hall screen saw a call.</summary>
    public bool IsTicketCalled { get; }

    /// <summary>The message's clientMsgId as sent (the bench's ids need no escaping); empty if absent.</summary>
    public ReadOnlySpan<byte> ClientMsgId { get; }

    /// <summary>The called ticket's window id (the bench's ids need no escaping); empty if absent.</summary>
    public ReadOnlySpan<byte> WindowId { get; }

    /// <summary>The completion's result as raw JSON; empty if none.</summary>
    public ReadOnlySpan<byte> Result { get; }

    /// <summary>The completion's or the close's error text.</summary>
    public string? Error { get; }

    public static HubRecord Parse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        int type = 0, invocationId = -1;
        bool isMessage = false, isTicketCalled = false;
        ReadOnlySpan<byte> clientMsgId = default, windowId = default, result = default;
        string? error = null;
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("invocationId"u8))
            {
                reader.Read();
                invocationId = Utf8Parser.TryParse(reader.ValueSpan, out int id, out var consumed) && consumed == reader.ValueSpan.Length ? id : -1;
            }
            else if (reader.ValueTextEquals("target"u8))
            {
                reader.Read();
                isMessage = reader.ValueTextEquals("message"u8);
                isTicketCalled = reader.ValueTextEquals("ticketCalled"u8);
            }
            else if (reader.ValueTextEquals("arguments"u8))
            {
                // The hub protocol writes the target before the arguments.
                if (isTicketCalled)
                {
                    windowId = FindFirstArgumentProperty(ref reader, json, "windowId"u8);
                }
                else
                {
                    clientMsgId = FindFirstArgumentProperty(ref reader, json, "clientMsgId"u8);
                }
            }
            else if (reader.ValueTextEquals("result"u8))
            {
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                result = json[start..(int)reader.BytesConsumed];
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                error = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        return new HubRecord(type, invocationId, isMessage, isTicketCalled, clientMsgId, windowId, result, error);
    }

    // Depth 1 is the property; the arguments array opens at depth 1, its objects at 2, their properties at 3.
    private static ReadOnlySpan<byte> FindFirstArgumentProperty(scoped ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ReadOnlySpan<byte> name)
    {
        var depth = reader.CurrentDepth;
        ReadOnlySpan<byte> found = default;
        reader.Read();
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == depth))
        {
            if (found.IsEmpty && reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 2 && reader.ValueTextEquals(name))
            {
                reader.Read();

                // A string token starts at its opening quote.
                found = json.Slice((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);
            }
        }

        return found;
    }
}
