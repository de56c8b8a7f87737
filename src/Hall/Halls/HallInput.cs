using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Im.Domain.Errors;

namespace Im.Hall.Halls;

/// <summary>
/// Input rules of the hall, checked before anything changes; every refusal is <c>invalid</c>.
/// Bad values are not echoed in the message: they may be anything, of any length.
/// </summary>
public static class HallInput
{
    public const int MaxIdLength = 64;
    public const int MaxNameLength = 100;
    public const int MaxPrefixLength = 4;
    public const int MaxOpeningPeriods = 8;
    public const int MaxPeople = 500;
    public const int MaxWindowQueues = 32;
    public const int MaxCommentLength = 500;

    /// <summary>Hall, queue, window and screen ids: 1..64 of A-Z a-z 0-9 _ -, so keys built with '/' parse back.</summary>
    public static bool IsId([NotNullWhen(true)] string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxIdLength
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    public static void Id([NotNull] string? value, string what)
    {
        if (!IsId(value))
        {
            throw new DomainException(ErrorCodes.Invalid, $"{what} must be 1..{MaxIdLength} characters of A-Z a-z 0-9 _ -");
        }
    }

    /// <summary>Member ids as the rest of the platform writes them: 1..64 of A-Z a-z 0-9 _ . @ -.</summary>
    public static void MemberId([NotNull] string? value, string what)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxIdLength
            || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '@' or '-'))
        {
            throw new DomainException(ErrorCodes.Invalid, $"{what} must be 1..{MaxIdLength} characters of A-Z a-z 0-9 _ . @ -");
        }
    }

    public static void Name([NotNull] string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxNameLength || value.Any(char.IsControl))
        {
            throw new DomainException(ErrorCodes.Invalid, $"{what} must be 1..{MaxNameLength} characters, not blank, without control characters");
        }
    }

    /// <summary>An optional name: null, or as <see cref="Name"/>.</summary>
    public static void OptionalName(string? value, string what)
    {
        if (value is not null)
        {
            Name(value, what);
        }
    }

    public static void Prefix([NotNull] string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxPrefixLength || !value.All(char.IsAsciiLetterOrDigit))
        {
            throw new DomainException(ErrorCodes.Invalid, $"prefix must be 1..{MaxPrefixLength} letters or digits (A-Z a-z 0-9)");
        }
    }

    public static void Quota(int? value, int max)
    {
        if (value is { } quota && (quota < 1 || quota > max))
        {
            throw new DomainException(ErrorCodes.Invalid, $"dailyQuota must be 1..{max}");
        }
    }

    /// <summary>The time zone, resolved; <c>invalid</c> for an id the system does not know.</summary>
    public static TimeZoneInfo TimeZone([NotNull] string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxNameLength || !TimeZoneInfo.TryFindSystemTimeZoneById(value, out var zone))
        {
            throw new DomainException(ErrorCodes.Invalid, "timeZone must be a known IANA time zone id such as Asia/Shanghai");
        }

        return zone;
    }

    /// <summary>Opening periods: each <c>"HH:mm"</c>, <c>From</c> before <c>To</c>, none overlapping another.</summary>
    public static void Opening(IReadOnlyList<OpeningHours>? periods)
    {
        if (periods is null)
        {
            return;
        }

        if (periods.Count > MaxOpeningPeriods)
        {
            throw new DomainException(ErrorCodes.Invalid, $"openingHours holds at most {MaxOpeningPeriods} periods");
        }

        var parsed = new List<(TimeOnly From, TimeOnly To)>(periods.Count);
        foreach (var period in periods)
        {
            if (period is null || !TryParseTime(period.From, out var from) || !TryParseTime(period.To, out var to))
            {
                throw new DomainException(ErrorCodes.Invalid, "openingHours periods must be {\"from\": \"HH:mm\", \"to\": \"HH:mm\"}");
            }

            if (from >= to)
            {
                throw new DomainException(ErrorCodes.Invalid, "an opening period must end after it starts, within the day");
            }

            parsed.Add((from, to));
        }

        var sorted = parsed.OrderBy(p => p.From).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].From < sorted[i - 1].To)
            {
                throw new DomainException(ErrorCodes.Invalid, "opening periods must not overlap");
            }
        }
    }

    public static bool TryParseTime(string? value, out TimeOnly time) =>
        TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>Ordinal-distinct member ids, checked, in the order given.</summary>
    public static List<string> MemberIds(IReadOnlyList<string>? values, string what)
    {
        if (values is null || values.Count > MaxPeople)
        {
            throw new DomainException(ErrorCodes.Invalid, $"{what} must be a list of at most {MaxPeople} member ids");
        }

        foreach (var value in values)
        {
            MemberId(value, $"every id of {what}");
        }

        return [.. values.Distinct(StringComparer.Ordinal)];
    }

    public static void Comment(string? value)
    {
        if (value is not null && (value.Length > MaxCommentLength || value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))))
        {
            throw new DomainException(ErrorCodes.Invalid, $"comment must be at most {MaxCommentLength} characters without control characters");
        }
    }
}
