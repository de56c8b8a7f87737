using Im.Actors;

namespace Im.Domain.Members;

[GrainType("member")]
public sealed partial class MemberGrain : Grain<MemberState>, IMemberGrain
{
    public async Task<MemberProfile> EnsureAsync(MemberProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.MemberId != GrainKey)
        {
            throw new ArgumentException($"invalid: profile is for '{profile.MemberId}', not '{GrainKey}'", nameof(profile));
        }

        var current = State.Profile;
        var wanted = profile with
        {
            Roles = [.. profile.Roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            Disabled = current?.Disabled ?? false,
            CreatedAt = current?.CreatedAt ?? TimeProvider.GetUtcNow(),
        };
        if (current is not null && SameProfile(current, wanted))
        {
            return current;
        }

        State.Profile = wanted;
        await WriteStateAsync();
        return wanted;
    }

    public Task<MemberProfile?> GetAsync() => Task.FromResult(State.Profile);

    public async Task<MemberProfile> SetDisabledAsync(bool disabled)
    {
        var current = State.Profile ?? throw new InvalidOperationException($"not_found: member '{GrainKey}' does not exist");
        if (current.Disabled != disabled)
        {
            State.Profile = current with { Disabled = disabled };
            await WriteStateAsync();
        }

        return State.Profile;
    }

    // Records compare lists by reference, so roles are compared by content here.
    private static bool SameProfile(MemberProfile a, MemberProfile b) =>
        a.DisplayName == b.DisplayName && a.OrgId == b.OrgId && a.Roles.SequenceEqual(b.Roles);
}
