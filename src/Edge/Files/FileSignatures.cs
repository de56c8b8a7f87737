namespace Im.Edge.Files;

/// <summary>
/// The leading bytes ("magic numbers") that declared types must start with. A browser
/// trusts the declared type it is served, so a file declared as an image must be one;
/// types without a signature here (text) are served as attachments with nosniff.
/// </summary>
internal static class FileSignatures
{
    /// <summary>Bytes to read before deciding; the longest check needs 12.</summary>
    public const int HeaderLength = 16;

    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Gif87 = "GIF87a"u8.ToArray();
    private static readonly byte[] Gif89 = "GIF89a"u8.ToArray();
    private static readonly byte[] Riff = "RIFF"u8.ToArray();
    private static readonly byte[] Webp = "WEBP"u8.ToArray();
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();

    // Office Open XML documents are ZIP archives.
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];

    /// <summary>Whether <paramref name="header"/> fits <paramref name="contentType"/> (lowercase, no parameters).</summary>
    public static bool Matches(string contentType, ReadOnlySpan<byte> header) => contentType switch
    {
        "image/jpeg" => header.StartsWith(Jpeg),
        "image/png" => header.StartsWith(Png),
        "image/gif" => header.StartsWith(Gif87) || header.StartsWith(Gif89),
        "image/webp" => header.StartsWith(Riff) && header.Length >= 12 && header[8..12].SequenceEqual(Webp),
        "application/pdf" => header.StartsWith(Pdf),
        _ when contentType.StartsWith("application/vnd.openxmlformats-officedocument.", StringComparison.Ordinal) => header.StartsWith(Zip),
        _ => true,
    };

    public static bool IsImage(string contentType) => contentType.StartsWith("image/", StringComparison.Ordinal);
}
