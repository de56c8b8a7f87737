using System.Globalization;

namespace Im.Hall.Queues;

/// <summary>
/// The key of a queue day: <c>{hallId}/{queueId}/{yyyy-MM-dd}</c>, the date in the hall's
/// time zone. Each day's tickets live in their own grain, so numbering restarts daily and a
/// day's state stays bounded by its quota.
/// </summary>
public readonly record struct QueueDayKey(string HallId, string QueueId, DateOnly Day)
{
    public static QueueDayKey Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parts = key.Split('/');
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0
            || !DateOnly.TryParseExact(parts[2], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            throw new FormatException($"'{key}' is not a queue day key.");
        }

        return new QueueDayKey(parts[0], parts[1], day);
    }

    public override string ToString() => $"{HallId}/{QueueId}/{Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}
