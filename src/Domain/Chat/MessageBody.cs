using System.Text.Encodings.Web;
using System.Text.Json;
using Im.Domain.Files;

namespace Im.Domain.Chat;

/// <summary>
/// The history body of a text message: <c>{"text": ..., "mentions": [...]}</c>. Fields are
/// optional when read, so later message kinds can add or omit fields without a migration.
/// </summary>
internal sealed record MessageBody(string? Text, IReadOnlyList<string>? Mentions, IReadOnlyList<MessageAttachment>? Attachments = null)
{
    // Relaxed escaping keeps non-ASCII text (most of it here is Chinese) as UTF-8 instead
    // of six-byte \u escapes; the body is stored and sent as JSON, never embedded in HTML.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // Messages without files keep the body they had before attachments existed.
    public static string Encode(string text, IReadOnlyList<string> mentions, IReadOnlyList<MessageAttachment>? attachments = null) =>
        JsonSerializer.Serialize(new MessageBody(text, mentions, attachments is { Count: > 0 } ? attachments : null), Json);

    public static MessageBody Decode(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<MessageBody>(body, Json) ?? Empty;
        }
        catch (JsonException)
        {
            // One unreadable row must not make the pages around it unreadable too.
            return Empty;
        }
    }

    private static MessageBody Empty { get; } = new(string.Empty, []);
}
