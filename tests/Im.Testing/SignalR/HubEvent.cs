using System.Text.Json;
using System.Text.Json.Nodes;

namespace Im.Testing.SignalR;

/// <summary>A server event as it arrived: its target exactly as the server wrote it, and its arguments.</summary>
public sealed record HubEvent(string Target, IReadOnlyList<JsonNode?> Arguments)
{
    /// <summary>The first argument read as <typeparamref name="T"/>.</summary>
    public T Argument<T>() => Arguments[0].Deserialize<T>(JsonSerializerOptions.Web)!;
}
