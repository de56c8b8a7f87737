using System.Globalization;

namespace Im.Silo.Storage;

/// <summary>Etags of the SQL adapters: the row's version number as invariant text.</summary>
internal static class Etags
{
    public static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>False for text this store never issued; such an etag can only lose a conditional write.</summary>
    public static bool TryParse(string etag, out long version) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out version);
}
