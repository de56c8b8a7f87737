using System.Text.Json;
using System.Text.Json.Serialization;

namespace Im.Domain.Json;

/// <summary>
/// An enum as the public protocol spells it: its member's name in camelCase
/// (<c>Direct</c> → <c>"direct"</c>), read case-insensitively (numbers are read too, as
/// System.Text.Json's own enum converter reads them).
/// </summary>
/// <remarks>
/// Put on the enum type, not in the serializer options: a converter in the options switches
/// off the fast path of the hubs' generated serializers for every payload type.
/// </remarks>
public sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase)
    where TEnum : struct, Enum;
