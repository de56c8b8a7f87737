namespace Im.Edge.Chat;

public sealed partial class ImHub
{
    /// <summary>
    /// Tells the conversation's other connections that the caller is typing. Ephemeral: not
    /// stored, not replayed; a lost one only hides an indicator. Members only (the
    /// conversation checks). It goes to the conversation's group on this edge node, which
    /// holds every member connection in the one-process shape; events do not cross edge nodes.
    /// </summary>
    public async Task Typing(ConversationRef request)
    {
        Require(request, nameof(request));
        await Conversation(request.ConversationId).GetInfoAsync(MemberId);
        await edge.TypingAsync(new TypingEvent(request.ConversationId, MemberId), Context.ConnectionId);
    }
}
