using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Im.Domain.Files;

namespace Im.Domain.Chat;

/// <summary>
/// The history body of a text message: <c>{"text": ..., "mentions": [...]}</c>. Fields are
/// optional when read, so later message kinds can add or omit fields without a migration.
/// An edit adds <c>editedAt</c>; a recall leaves a tombstone <c>{"recalled": true,
/// "recalledBy", "recalledAt"}</c> without text or mentions.
/// </summary>
internal sealed record MessageBody(
    string? Text,
    IReadOnlyList<string>? Mentions,
    DateTimeOffset? EditedAt = null,
    bool Recalled = false,
    string? RecalledBy = null,
    DateTimeOffset? RecalledAt = null,
    IReadOnlyList<MessageAttachment>? Attachments = null)
{
    // Relaxed escaping keeps non-ASCII text (most of it here is Chinese) as UTF-8 instead
    // of six-byte \u escapes; the body is stored and sent as JSON, never embedded in HTML.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,

        // Unset edit and recall fields are left out: most messages are never changed, and
        // every stored byte is paid for in each history read.
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
    };

    // Messages without files keep the body they had before attachments existed.
    public static string Encode(string text, IReadOnlyList<string> mentions, IReadOnlyList<MessageAttachment>? attachments = null) =>
        Encode(new MessageBody(text, mentions, Attachments: attachments is { Count: > 0 } ? attachments : null));

    public static string Encode(MessageBody body) => JsonSerializer.Serialize(body, Json);

    /// <summary>Whether the message mentions <paramref name="memberId"/>, by id or by <c>@all</c>.</summary>
    public bool MentionsMember(string memberId) =>
        !Recalled && Mentions is { } mentions && (mentions.Contains(memberId) || mentions.Contains(MentionIds.All));

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
