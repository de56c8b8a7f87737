using System.Text.Json.Serialization;

namespace Im.Domain.Chat;

[JsonConverter(typeof(JsonStringEnumConverter<MemberRole>))]
public enum MemberRole
{
    Member,
    Admin,
    Owner,
}
