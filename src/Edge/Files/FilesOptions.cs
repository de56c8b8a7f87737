namespace Im.Edge.Files;

/// <summary>Upload limits, section <c>Files</c>.</summary>
public sealed class FilesOptions
{
    public const string SectionName = "Files";

    /// <summary>The default of <see cref="MaxBytes"/>: 20 MB.</summary>
    public const long DefaultMaxBytes = 20L * 1024 * 1024;

    /// <summary>The types accepted when <see cref="AllowedContentTypes"/> is not configured.</summary>
    public static readonly IReadOnlyList<string> DefaultContentTypes =
    [
        "image/jpeg",
        "image/png",
        "image/gif",
        "image/webp",
        "application/pdf",
        "text/plain",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ];

    /// <summary>The largest file accepted, in bytes.</summary>
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>
    /// Media types accepted (compared case-insensitively, parameters ignored). An array,
    /// not a pre-filled list: the configuration binder appends to lists, so configured
    /// types would add to the defaults instead of replacing them.
    /// </summary>
    public string[]? AllowedContentTypes { get; set; }

    public IReadOnlyList<string> EffectiveContentTypes => AllowedContentTypes is { Length: > 0 } types ? types : DefaultContentTypes;
}
