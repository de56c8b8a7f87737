namespace Im.Domain.Chat;

/// <summary>How conversation ids are made: the prefix tells the kind.</summary>
public static class ConversationIds
{
    /// <summary>The one id of a pair's direct conversation, whichever side asks.</summary>
    public static string Direct(string memberA, string memberB) =>
        string.CompareOrdinal(memberA, memberB) <= 0 ? $"d:{memberA}:{memberB}" : $"d:{memberB}:{memberA}";

    public static string NewGroup() => $"g:{Guid.NewGuid():N}";

    public static string Room(string roomId) => $"r:{roomId}";
}
