using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Im.Edge.Tests.Push;

/// <summary>
/// The one double the push tests use: a local HTTP server on 127.0.0.1 that speaks FCM HTTP
/// v1 (<c>POST /v1/projects/{id}/messages:send</c>) and Google's OAuth2 token endpoint
/// (<c>POST /token</c>, named as <c>token_uri</c> in <see cref="ServiceAccountJson"/>).
/// It records every send and answers as scripted per token (200 when nothing is scripted).
/// </summary>
public sealed class FakeFcmServer : IAsyncDisposable
{
    public const string ProjectId = "im-test-project";
    public const string AccessToken = "test-access-token";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Channel<FcmRecord>> _byToken = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<FcmRecord> _all = new();

    private FakeFcmServer(WebApplication app)
    {
        _app = app;
        _app.MapPost("/token", () => Results.Json(new { access_token = AccessToken, expires_in = 3600, token_type = "Bearer" }));
        _app.MapPost("/v1/projects/{projectId}/messages:send", SendAsync);
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>A service account key whose token endpoint is this server; its RSA key is made for this run.</summary>
    public string ServiceAccountJson { get; private set; } = null!;

    public IReadOnlyList<FcmRecord> Requests => [.. _all];

    public static async Task<FakeFcmServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var server = new FakeFcmServer(builder.Build());
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address);
        using var rsa = RSA.Create(2048);
        server.ServiceAccountJson = new JsonObject
        {
            ["type"] = "service_account",
            ["project_id"] = ProjectId,
            ["private_key_id"] = "test-key-1",
            ["private_key"] = rsa.ExportPkcs8PrivateKeyPem(),
            ["client_email"] = $"push@{ProjectId}.iam.gserviceaccount.com",
            ["client_id"] = "1234567890",
            ["token_uri"] = new Uri(server.BaseAddress, "/token").ToString(),
        }.ToJsonString();
        return server;
    }

    /// <summary>Answers the next sends to <paramref name="token"/> with these statuses, in order (404 means UNREGISTERED).</summary>
    public void Script(string token, params int[] statuses) => _scripts[token] = new ConcurrentQueue<int>(statuses);

    /// <summary>The next send to <paramref name="token"/>, waiting for it.</summary>
    public ValueTask<FcmRecord> NextAsync(string token, CancellationToken cancellationToken) =>
        Channel(token).Reader.ReadAsync(cancellationToken);

    public int CountFor(string token) => _all.Count(r => r.Token == token);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IResult> SendAsync(string projectId, HttpRequest request)
    {
        var body = await JsonNode.ParseAsync(request.Body);
        var message = body?["message"];
        var token = (string?)message?["token"] ?? string.Empty;
        var status = _scripts.TryGetValue(token, out var script) && script.TryDequeue(out var scripted) ? scripted : 200;
        var record = new FcmRecord(
            projectId,
            token,
            request.Headers.Authorization.ToString(),
            (string?)message?["notification"]?["title"],
            (string?)message?["notification"]?["body"],
            message?["data"]?.Deserialize<Dictionary<string, string>>() ?? [],
            (string?)message?["android"]?["priority"],
            status);
        _all.Enqueue(record);
        Channel(token).Writer.TryWrite(record);
        return status switch
        {
            200 => Results.Json(new { name = $"projects/{projectId}/messages/{Guid.NewGuid():N}" }),
            404 => Results.Json(Error(404, "NOT_FOUND", "Requested entity was not found.", "UNREGISTERED"), statusCode: 404),
            _ => Results.Json(Error(status, "UNAVAILABLE", "The service is currently unavailable.", "UNAVAILABLE"), statusCode: status),
        };
    }

    private static JsonObject Error(int code, string status, string message, string errorCode) => new()
    {
        ["error"] = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["status"] = status,
            ["details"] = new JsonArray(new JsonObject
            {
                ["@type"] = "type.googleapis.com/google.firebase.fcm.v1.FcmError",
                ["errorCode"] = errorCode,
            }),
        },
    };

    private Channel<FcmRecord> Channel(string token) => _byToken.GetOrAdd(token, _ => System.Threading.Channels.Channel.CreateUnbounded<FcmRecord>());
}
