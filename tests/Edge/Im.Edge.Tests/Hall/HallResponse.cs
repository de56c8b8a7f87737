using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Im.Edge.Tests.Hall;

/// <summary>A hall REST answer: status, body (JSON when it is JSON, text always) and headers.</summary>
internal sealed record HallResponse(
    HttpStatusCode Status,
    JsonNode? Body,
    string? ContentType,
    string Text,
    HttpResponseHeaders Headers,
    HttpContentHeaders ContentHeaders)
{
    /// <summary>The problem's stable code, or null for a success.</summary>
    public string? Code => (string?)Body?["code"];

    public HallResponse EnsureStatus(int status)
    {
        Assert.True((int)Status == status, $"expected {status}, got {(int)Status}: {Text}");
        return this;
    }
}
