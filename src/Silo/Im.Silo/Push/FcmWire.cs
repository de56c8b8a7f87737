using System.Text.Json.Serialization;

namespace Im.Silo.Push;

// The JSON of FCM HTTP v1 `projects.messages.send`, as far as this sender uses it.

internal sealed record FcmSendRequest(FcmMessage Message);

internal sealed record FcmMessage(
    string Token,
    FcmNotification Notification,
    IReadOnlyDictionary<string, string> Data,
    FcmAndroidConfig Android,
    FcmApnsConfig Apns);

internal sealed record FcmNotification(string Title, string Body);

internal sealed record FcmAndroidConfig(string Priority);

internal sealed record FcmApnsConfig(IReadOnlyDictionary<string, string> Headers);

internal sealed record FcmErrorResponse(FcmError? Error);

internal sealed record FcmError(int Code, string? Message, string? Status, IReadOnlyList<FcmErrorDetail>? Details);

internal sealed record FcmErrorDetail(
    [property: JsonPropertyName("@type")] string? Type,
    string? ErrorCode);
