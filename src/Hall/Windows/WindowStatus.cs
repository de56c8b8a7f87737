using System.Text.Json.Serialization;
using Im.Domain.Json;

namespace Im.Hall.Windows;

/// <summary>
/// Where a window is: <c>Idle</c> (open, no ticket), <c>Serving</c> (a ticket called to it),
/// <c>Paused</c>. On the wire these are <c>"idle"</c>, <c>"serving"</c>, <c>"paused"</c>.
/// </summary>
[JsonConverter(typeof(CamelCaseEnumConverter<WindowStatus>))]
public enum WindowStatus
{
    Idle,
    Serving,
    Paused,
}
