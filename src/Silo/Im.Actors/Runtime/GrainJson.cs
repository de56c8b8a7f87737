using System.Text.Json;

namespace Im.Actors.Runtime;

/// <summary>The one JSON shape used for grain state and for copying call data.</summary>
internal static class GrainJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
