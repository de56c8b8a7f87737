using System.Diagnostics.CodeAnalysis;

namespace Im.Edge.Hall;

/// <summary>The shape of hall, queue, window and screen ids (as the hall grains accept them): 1..64 of A-Z a-z 0-9 _ -.</summary>
internal static class HallIds
{
    public const int MaxLength = 64;

    public static bool IsId([NotNullWhen(true)] string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
