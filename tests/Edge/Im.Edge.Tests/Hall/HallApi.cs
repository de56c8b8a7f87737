using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Im.Edge.Tests.Chat;
using Im.Testing.SignalR;

namespace Im.Edge.Tests.Hall;

/// <summary>The hall REST API and hub of a running server, as a hall's staff app and its screens use them.</summary>
internal sealed class HallApi(ChatServer server)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public Uri HubUrl => new($"ws://{server.BaseAddress.Authority}/hubs/hall");

    public ChatServer Server => server;

    /// <summary>A fresh id for a test's hall or member, unique across the server's tests.</summary>
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public async Task<HallResponse> SendAsync(string? token, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is HttpContent content)
        {
            request.Content = content;
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await server.Http.SendAsync(request, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        var json = response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true && text.Length > 0 ? JsonNode.Parse(text) : null;
        return new HallResponse(response.StatusCode, json, response.Content.Headers.ContentType?.ToString(), text, response.Headers, response.Content.Headers);
    }

    public Task<HallResponse> PostAsync(string? token, string path, object? body = null) => SendAsync(token, HttpMethod.Post, path, body);

    public Task<HallResponse> GetAsync(string? token, string path) => SendAsync(token, HttpMethod.Get, path);

    /// <summary>
    /// A hall with queue A (prefix A) and B (prefix B, quota 2), window w1 ("1号窗口", serving A)
    /// and w2 ("2号窗口", serving A then B), and <paramref name="staffId"/> as its staff.
    /// </summary>
    public async Task<string> CreateHallAsync(string adminToken, string staffId)
    {
        var hallId = NewId("hall");
        (await PostAsync(adminToken, "/api/halls", new { hallId, name = "职工服务大厅" })).EnsureStatus(201);
        (await PostAsync(adminToken, $"/api/halls/{hallId}/queues", new { queueId = "A", name = "会员业务", prefix = "A" })).EnsureStatus(200);
        (await PostAsync(adminToken, $"/api/halls/{hallId}/queues", new { queueId = "B", name = "法律援助", prefix = "B", dailyQuota = 2 })).EnsureStatus(200);
        (await PostAsync(adminToken, $"/api/halls/{hallId}/windows", new { windowId = "w1", name = "1号窗口", queueIds = new[] { "A" } })).EnsureStatus(200);
        (await PostAsync(adminToken, $"/api/halls/{hallId}/windows", new { windowId = "w2", name = "2号窗口", queueIds = new[] { "A", "B" } })).EnsureStatus(200);
        (await SendAsync(adminToken, HttpMethod.Put, $"/api/halls/{hallId}/people", new { admins = Array.Empty<string>(), staff = new[] { staffId }, supervisors = Array.Empty<string>() })).EnsureStatus(200);
        return hallId;
    }

    /// <summary>Registers a screen and answers its id and token.</summary>
    public async Task<(string ScreenId, string Token)> AddScreenAsync(string adminToken, string hallId, string? windowId = null)
    {
        var created = await PostAsync(adminToken, $"/api/halls/{hallId}/screens", new { name = "大厅主屏", windowId });
        created.EnsureStatus(201);
        return ((string)created.Body!["screenId"]!, (string)created.Body!["accessToken"]!);
    }

    public Task<HubClient> ConnectAsync(string token) => HubClient.ConnectAsync(HubUrl, token, cancellationToken: Cancel);
}
