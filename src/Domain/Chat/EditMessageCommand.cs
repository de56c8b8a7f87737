namespace Im.Domain.Chat;

/// <summary>
/// The sender's new text for message <see cref="Seq"/>. <see cref="Mentions"/> null keeps
/// the message's mentions; an empty list clears them.
/// </summary>
public sealed record EditMessageCommand(string EditorId, long Seq, string Text, IReadOnlyList<string>? Mentions = null);
