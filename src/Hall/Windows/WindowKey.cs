namespace Im.Hall.Windows;

/// <summary>The key of a window grain: <c>{hallId}/{windowId}</c>. Hall ids and window ids never contain '/'.</summary>
public readonly record struct WindowKey(string HallId, string WindowId)
{
    public static WindowKey Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == key.Length - 1 || key.IndexOf('/', slash + 1) >= 0)
        {
            throw new FormatException($"'{key}' is not a window key.");
        }

        return new WindowKey(key[..slash], key[(slash + 1)..]);
    }

    public override string ToString() => $"{HallId}/{WindowId}";
}
