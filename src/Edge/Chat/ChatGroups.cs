namespace Im.Edge.Chat;

/// <summary>SignalR group of a conversation: every local connection of its members.</summary>
internal static class ChatGroups
{
    public static string Of(string conversationId) => $"c:{conversationId}";
}
