using System.Text.Json.Serialization;
using Im.Domain.Json;

namespace Im.Domain.Chat;

[JsonConverter(typeof(CamelCaseEnumConverter<MemberRole>))]
public enum MemberRole
{
    Member,
    Admin,
    Owner,
}
