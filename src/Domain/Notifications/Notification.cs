namespace Im.Domain.Notifications;

/// <summary>
/// A notice for one member, exactly the contract's <c>notification</c> event:
/// <c>{kind, id, title, body, data, createdAt}</c>. Kinds are dotted names owned by the
/// module that raises them (<c>approval.assigned</c>, <c>hall.called</c>…).
/// </summary>
public sealed record Notification(
    string Kind,
    string Id,
    string Title,
    string Body,
    IReadOnlyDictionary<string, string> Data,
    DateTimeOffset CreatedAt);
