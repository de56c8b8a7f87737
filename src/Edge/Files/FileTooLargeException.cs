namespace Im.Edge.Files;

/// <summary>An upload went past <see cref="FilesOptions.MaxBytes"/> while it was being read.</summary>
internal sealed class FileTooLargeException(long maxBytes) : IOException($"the file is larger than {maxBytes} bytes")
{
    public long MaxBytes { get; } = maxBytes;
}
