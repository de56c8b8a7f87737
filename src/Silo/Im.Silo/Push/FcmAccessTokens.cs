using Google.Apis.Auth.OAuth2;

namespace Im.Silo.Push;

/// <summary>
/// OAuth2 access tokens of the Firebase service account, from Google.Apis.Auth: it signs a
/// JWT with the account's key, trades it at the key file's <c>token_uri</c>, caches the
/// token and refreshes it before it expires. Thread-safe.
/// </summary>
internal sealed class FcmAccessTokens
{
    private const string MessagingScope = "https://www.googleapis.com/auth/firebase.messaging";

    private readonly ITokenAccess _credential;

    public FcmAccessTokens(FcmOptions options)
    {
        var json = options.ServiceAccountJson ?? File.ReadAllText(options.ServiceAccountJsonPath
            ?? throw new InvalidOperationException($"{FcmOptions.SectionName}:ServiceAccountJsonPath or ServiceAccountJson is required when push is enabled."));

        // Only a service account key is accepted: loading arbitrary credential JSON would let
        // a misplaced file make the server fetch tokens from wherever it says.
        var account = CredentialFactory.FromJson<ServiceAccountCredential>(json);
        _credential = (ITokenAccess)account.ToGoogleCredential().CreateScoped(MessagingScope).UnderlyingCredential;
    }

    public Task<string> GetAsync(CancellationToken cancellationToken) =>
        _credential.GetAccessTokenForRequestAsync(cancellationToken: cancellationToken);
}
