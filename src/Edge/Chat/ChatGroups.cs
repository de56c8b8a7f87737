namespace Im.Edge.Chat;

/// <summary>SignalR group of a conversation: every local connection of its members.</summary>
internal static class ChatGroups
{
    private const string Prefix = "c:";

    public static string Of(string conversationId) => Prefix + conversationId;

    /// <summary>Whether a group name is a conversation's (kept by <see cref="ImHubLifetimeManager"/>, not by SignalR).</summary>
    public static bool IsConversation(string groupName) => groupName.StartsWith(Prefix, StringComparison.Ordinal);
}
