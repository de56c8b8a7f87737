using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Im.Edge.Auth;

/// <summary>Where the token signing key comes from: configuration, or a key generated once per data directory.</summary>
internal static class SigningKeys
{
    public const string KeyFileName = "auth-signing.key";

    private const int GeneratedKeyBytes = 64;

    /// <summary>
    /// The configured key; without one, and only with the development token endpoint on, the key
    /// kept in <paramref name="dataDirectory"/>, generated on first start so tokens survive restarts.
    /// </summary>
    /// <exception cref="InvalidOperationException">No usable key: missing (endpoint off), too short, or an unreadable key file.</exception>
    public static SymmetricSecurityKey Resolve(AuthOptions options, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            var configured = Decode(options.SigningKey.Trim());
            if (configured.Length < AuthOptions.MinimumKeyBytes)
            {
                throw new InvalidOperationException(
                    $"{AuthOptions.SectionName}:SigningKey is {configured.Length} bytes; at least {AuthOptions.MinimumKeyBytes} are required " +
                    "(for example the base64 output of `openssl rand -base64 48`).");
            }

            return new SymmetricSecurityKey(configured);
        }

        if (!options.DevTokenEndpoint)
        {
            throw new InvalidOperationException(
                $"{AuthOptions.SectionName}:SigningKey is required (at least {AuthOptions.MinimumKeyBytes} bytes, base64 or text; " +
                $"set the environment variable Auth__SigningKey). Only with {AuthOptions.SectionName}:DevTokenEndpoint on is a key generated.");
        }

        return new SymmetricSecurityKey(LoadOrCreate(Path.Combine(Path.GetFullPath(dataDirectory), KeyFileName)));
    }

    // A value that happens to be valid base64 is read as base64: the rule is the same on every
    // node, so a key written either way signs and verifies alike everywhere.
    private static byte[] Decode(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) && written >= AuthOptions.MinimumKeyBytes
            ? buffer[..written]
            : Encoding.UTF8.GetBytes(value);
    }

    private static byte[] LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            Create(path);
        }

        var text = File.ReadAllText(path).Trim();
        var buffer = new byte[text.Length];
        var bytes = Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : [];
        if (bytes.Length < AuthOptions.MinimumKeyBytes)
        {
            throw new InvalidOperationException(
                $"The signing key file '{path}' does not hold a base64 key of at least {AuthOptions.MinimumKeyBytes} bytes; delete it to generate a new one (issued tokens become invalid).");
        }

        return bytes;
    }

    // Written to a private temporary file and moved into place, so a reader never sees half a
    // key and two processes starting together end up sharing whichever key landed first.
    private static void Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(GeneratedKeyBytes)));
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created the key between our check and our move: use theirs.
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
