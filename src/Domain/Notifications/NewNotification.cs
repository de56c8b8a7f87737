namespace Im.Domain.Notifications;

/// <summary>
/// What a module raises: a <see cref="Notification"/> without its time, which the inbox
/// stamps when it first stores the id. <c>Id</c> is the raiser's idempotency key.
/// </summary>
public sealed record NewNotification(
    string Kind,
    string Id,
    string Title,
    string Body,
    IReadOnlyDictionary<string, string>? Data = null);
