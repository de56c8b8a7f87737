namespace Im.Domain.Members;

/// <summary>A member's read position in a conversation after a mark-read, and whether that call moved it.</summary>
public sealed record ReadMove(long ReadSeq, bool Moved);
