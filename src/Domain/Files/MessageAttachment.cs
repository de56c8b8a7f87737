namespace Im.Domain.Files;

/// <summary>A file a message refers to, as stored with the message and delivered with it.</summary>
public sealed record MessageAttachment(string FileId, string Name, string ContentType, long Size);
