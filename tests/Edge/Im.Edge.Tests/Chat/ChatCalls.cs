using Im.Domain.Chat;
using Im.Testing;
using Im.Testing.SignalR;

namespace Im.Edge.Tests.Chat;

/// <summary>What the hub tests say to the server and read back, in one place.</summary>
internal static class ChatCalls
{
    /// <summary>What <c>openDirect</c> and <c>createGroup</c> answer.</summary>
    public sealed record ConversationRefWire(string ConversationId);

    /// <summary>A member or client id no other test uses, within the id length limits.</summary>
    public static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..20];

    /// <summary>A <c>sendMessage</c> argument.</summary>
    public static object Send(string conversationId, string clientMsgId, string text) => new { conversationId, clientMsgId, text };

    /// <summary>The seqs of the next <paramref name="count"/> <c>message</c> events, in arrival order.</summary>
    public static async Task<List<long>> SeqsAsync(HubClient client, int count)
    {
        var seqs = new List<long>();
        for (var i = 0; i < count; i++)
        {
            seqs.Add((await client.NextEventAsync<ChatMessage>("message", TestContext.Current.CancellationToken).DefaultTimeout()).Seq);
        }

        return seqs;
    }
}
