using System.Text.RegularExpressions;

namespace Im.Edge.Auth;

/// <summary>The shapes of member ids, display names and roles the edge accepts from clients.</summary>
internal static partial class MemberInput
{
    public const int MaxIdLength = 64;
    public const int MaxDisplayNameLength = 64;
    public const int MaxRoleLength = 32;
    public const int MaxRoles = 10;

    /// <summary>1 to 64 of <c>[A-Za-z0-9_.@-]</c>: safe in URLs, logs and storage keys as is.</summary>
    public static bool IsId(string? value) => value is not null && IdPattern().IsMatch(value);

    /// <summary>1 to 32 of <c>[a-z0-9_.-]</c>.</summary>
    public static bool IsRole(string? value) => value is not null && RolePattern().IsMatch(value);

    /// <summary>The trimmed name when it is 1 to 64 characters, otherwise null.</summary>
    public static string? DisplayName(string? value)
    {
        var trimmed = value?.Trim();
        return trimmed is { Length: > 0 and <= MaxDisplayNameLength } ? trimmed : null;
    }

    /// <summary>The problems of a token request by field (camelCase, as the client wrote them); empty when it is valid.</summary>
    public static Dictionary<string, string[]> Problems(DevTokenRequest request)
    {
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!IsId(request.MemberId))
        {
            problems["memberId"] = [$"1 to {MaxIdLength} characters of A-Z a-z 0-9 _ . @ -."];
        }

        if (DisplayName(request.DisplayName) is null)
        {
            problems["displayName"] = [$"1 to {MaxDisplayNameLength} characters, not counting leading and trailing spaces."];
        }

        if (request.OrgId is not null && !IsId(request.OrgId))
        {
            problems["orgId"] = [$"absent, or 1 to {MaxIdLength} characters of A-Z a-z 0-9 _ . @ -."];
        }

        var roles = request.Roles ?? [];
        if (roles.Count > MaxRoles || roles.Any(r => !IsRole(r)))
        {
            problems["roles"] = [$"at most {MaxRoles} roles, each 1 to {MaxRoleLength} characters of a-z 0-9 _ . -."];
        }

        return problems;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.@-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[a-z0-9_.-]{1,32}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RolePattern();
}
