namespace Im.Silo.Tests.Storage;

/// <summary>A temporary directory per test class; each named database is a subdirectory with its own file.</summary>
public sealed class SqliteStorageFixture : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"im-storage-tests-{Guid.NewGuid():N}");

    public string DirectoryFor(string database) => Path.Combine(Root, database);

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
