namespace Im.Edge.Tests.Push;

/// <summary>One <c>messages:send</c> request as the fake FCM server saw it, with the status it answered.</summary>
public sealed record FcmRecord(
    string ProjectId,
    string Token,
    string Authorization,
    string? Title,
    string? Body,
    IReadOnlyDictionary<string, string> Data,
    string? AndroidPriority,
    int Status);
