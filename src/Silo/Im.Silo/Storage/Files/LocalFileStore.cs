using System.Buffers;
using System.Security.Cryptography;
using Im.Domain.Files;

namespace Im.Silo.Storage.Files;

/// <summary>
/// <see cref="IFileStore"/> on a local directory: <c>&lt;root&gt;/&lt;id[0..2]&gt;/&lt;id&gt;</c>, ids
/// are random 128-bit hex. A save streams into <c>&lt;root&gt;/tmp</c>, flushes the file to
/// disk, then renames it into place (atomic within one file system), so a reader sees a
/// whole file or none.
/// </summary>
public sealed class LocalFileStore : IFileStore
{
    private const int BufferSize = 81920;
    private const string TempFolder = "tmp";

    private readonly string _root;

    public LocalFileStore(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        _root = Path.GetFullPath(root);
    }

    public async Task<FileRef> SaveAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var fileId = Guid.NewGuid().ToString("N");
        var temp = Path.Combine(_root, TempFolder, fileId + ".part");
        Directory.CreateDirectory(Path.GetDirectoryName(temp)!);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous))
            {
                int read;
                while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    size += read;
                }

                // fsync before the rename: a rename that survives a crash must never point
                // at data that did not.
                file.Flush(flushToDisk: true);
            }

            var target = PathOf(fileId);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(temp, target, overwrite: false);
            return new FileRef(fileId, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public Task<Stream?> OpenReadAsync(string fileId, CancellationToken cancellationToken)
    {
        if (!IsId(fileId))
        {
            return Task.FromResult<Stream?>(null);
        }

        try
        {
            return Task.FromResult<Stream?>(new FileStream(PathOf(fileId), FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan));
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task DeleteAsync(string fileId, CancellationToken cancellationToken)
    {
        if (IsId(fileId))
        {
            File.Delete(PathOf(fileId));
        }

        return Task.CompletedTask;
    }

    // Ids come from clients on reads: only the shape this store issues may reach a path.
    private static bool IsId(string? fileId) =>
        fileId is { Length: 32 } && fileId.All(char.IsAsciiHexDigitLower);

    private string PathOf(string fileId) => Path.Combine(_root, fileId[..2], fileId);
}
