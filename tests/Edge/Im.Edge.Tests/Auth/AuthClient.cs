using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Im.Edge.Tests.Auth;

/// <summary>What the authentication tests do over HTTP, as a client would.</summary>
internal static class AuthClient
{
    public static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A token from the development endpoint; fails the test unless it is issued.</summary>
    public static async Task<string> DevTokenAsync(HttpClient client, string memberId, params string[] roles)
    {
        using var response = await client.PostAsJsonAsync(
            "/api/dev/token", new { memberId, displayName = memberId.ToUpperInvariant(), orgId = "org-1", roles }, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? token)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request, Cancel);
    }

    public static Task<HttpResponseMessage> GetMeAsync(HttpClient client, string? token) => SendAsync(client, HttpMethod.Get, "/api/me", token);

    /// <summary>The <c>code</c> of a problem-details body, or null when the body has none.</summary>
    public static async Task<string?> ProblemCodeAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Cancel);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        using var body = JsonDocument.Parse(text);
        return body.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
    }

    /// <summary>A token made outside the server, to prove what the server refuses.</summary>
    public static string Mint(
        byte[] key,
        string memberId,
        string issuer = "im",
        string audience = "im-clients",
        TimeSpan? expiresIn = null)
    {
        var expires = DateTime.UtcNow + (expiresIn ?? TimeSpan.FromHours(1));
        var issued = expires - TimeSpan.FromHours(2);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issued,
            NotBefore = issued,
            Expires = expires,
            Claims = new Dictionary<string, object> { ["sub"] = memberId, ["name"] = memberId },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });
    }
}
