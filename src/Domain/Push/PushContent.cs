namespace Im.Domain.Push;

/// <summary>What a device shows: FCM's <c>notification {title, body}</c> and the app's <c>data</c> map.</summary>
public sealed record PushContent(string Title, string Body, IReadOnlyDictionary<string, string> Data);
