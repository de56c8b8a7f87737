using System.Text.Json.Serialization;
using Im.Domain.Json;

namespace Im.Domain.Chat;

[JsonConverter(typeof(CamelCaseEnumConverter<ConversationKind>))]
public enum ConversationKind
{
    /// <summary>Two members; one stable id per pair.</summary>
    Direct,

    /// <summary>Invited members with owner/admin/member roles.</summary>
    Group,

    /// <summary>An open interest room anyone may join and leave.</summary>
    Room,
}
