using System.Text.Json.Serialization;

namespace Im.Domain.Presence;

[JsonConverter(typeof(JsonStringEnumConverter<PresenceStatus>))]
public enum PresenceStatus
{
    Offline,

    Online,
}
