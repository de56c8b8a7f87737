using System.Text.Json.Serialization;

namespace Im.Domain.Chat;

[JsonConverter(typeof(JsonStringEnumConverter<ConversationKind>))]
public enum ConversationKind
{
    /// <summary>Two members; one stable id per pair.</summary>
    Direct,

    /// <summary>Invited members with owner/admin/member roles.</summary>
    Group,

    /// <summary>An open interest room anyone may join and leave.</summary>
    Room,
}
