using System.Reflection;

namespace Im.Silo.Storage;

/// <summary>The schema files compiled into this assembly from deploy/sql.</summary>
internal static class SchemaScripts
{
    private const string ResourcePrefix = "Im.Schema.";

    /// <summary>A provider's scripts in file-name order, the order they must be applied in.</summary>
    public static IReadOnlyList<SchemaScript> For(string folder)
    {
        var assembly = typeof(SchemaScripts).Assembly;
        var scripts = new List<SchemaScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!TrySplit(resource, out var resourceFolder, out var fileName)
                || !string.Equals(resourceFolder, folder, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            scripts.Add(new SchemaScript(fileName, Read(assembly, resource)));
        }

        if (scripts.Count == 0)
        {
            throw new InvalidOperationException($"no schema scripts for '{folder}' are embedded; the build should include deploy/sql/{folder}/*.sql");
        }

        scripts.Sort((a, b) => string.CompareOrdinal(a.FileName, b.FileName));
        return scripts;
    }

    // MSBuild's RecursiveDir keeps the host's separator, so "sqlite/001.sql" on Linux is
    // "sqlite\001.sql" when built on Windows.
    private static bool TrySplit(string resource, out string folder, out string fileName)
    {
        folder = fileName = string.Empty;
        if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal)
            || !resource.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var path = resource[ResourcePrefix.Length..].Replace('\\', '/');
        var slash = path.LastIndexOf('/');
        if (slash <= 0)
        {
            return false;
        }

        folder = path[..slash];
        fileName = path[(slash + 1)..];
        return true;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded schema script '{resource}' cannot be opened");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
