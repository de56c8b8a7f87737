using System.Text.Json.Serialization;
using Im.Domain.Json;

namespace Im.Domain.Push;

/// <summary>Where a device token came from; all three are pushed through FCM.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<DevicePlatform>))]
public enum DevicePlatform
{
    Android,
    Ios,
    Web,
}
