using System.Security.Cryptography;

namespace Im.Edge.Tests.Auth;

/// <summary>Host settings for authentication tests: SQLite in a directory of the test's own, and the Auth keys.</summary>
internal static class AuthSettings
{
    /// <summary>A fresh random key, as an operator would configure it (base64 of 48 bytes).</summary>
    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(48);

    public static Dictionary<string, string?> For(string dataDirectory, byte[]? signingKey, bool devTokenEndpoint = true)
    {
        var settings = StorageSettings.Sqlite(dataDirectory);
        // Explicitly empty, so that a key in the environment of the test run cannot leak in.
        settings["Auth:SigningKey"] = signingKey is null ? "" : Convert.ToBase64String(signingKey);
        settings["Auth:DevTokenEndpoint"] = devTokenEndpoint ? "true" : "false";
        return settings;
    }
}
