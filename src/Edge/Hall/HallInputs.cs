using System.Diagnostics.CodeAnalysis;
using Im.Edge.Auth;
using Im.Hall.Halls;

namespace Im.Edge.Hall;

/// <summary>
/// What the edge itself checks of a hall request: the ids it builds grain keys from and the
/// fields it needs. The grains check the rest (names, prefixes, quotas, hours) and refuse
/// with <c>invalid</c> too.
/// </summary>
internal static class HallInputs
{
    /// <summary>A hall, queue, window or screen id, or a 400 naming <paramref name="field"/>.</summary>
    public static string Id([NotNull] string? value, string field) =>
        HallInput.IsId(value) ? value : throw new HallInputException(field, $"1 to {HallInput.MaxIdLength} characters of A-Z a-z 0-9 _ -");

    public static string? OptionalId(string? value, string field) => value is null ? null : Id(value, field);

    public static string? OptionalMemberId(string? value, string field) =>
        value is null || MemberInput.IsId(value) ? value : throw new HallInputException(field, $"absent, or 1 to {MemberInput.MaxIdLength} characters of A-Z a-z 0-9 _ . @ -");

    public static T Required<T>([NotNull] T? value, string field)
        where T : struct =>
        value ?? throw new HallInputException(field, "required");
}
