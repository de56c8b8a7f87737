using System.Text.Json.Serialization;
using Im.Domain.Json;

namespace Im.Domain.Presence;

[JsonConverter(typeof(CamelCaseEnumConverter<PresenceStatus>))]
public enum PresenceStatus
{
    Offline,

    Online,
}
