using System.Security.Claims;
using Im.Edge.Auth;

namespace Im.Edge.Tests.Auth;

/// <summary>A member's identity keeps fields and makes its claims on demand: what it must still answer as claims would.</summary>
public sealed class MemberIdentityTests
{
    private static ClaimsPrincipal Member(params string[] roles) =>
        new(new MemberIdentity("Bearer", "ann", "Ann", "org-1", roles));

    [Fact]
    public void ItAnswersAsTheClaimsItStandsFor()
    {
        var principal = Member("hall.staff");

        Assert.Equal("ann", principal.FindFirst("sub")?.Value);
        Assert.Equal("ann", principal.FindFirst("SUB")?.Value);
        Assert.Equal("Ann", principal.FindFirst(ImClaimTypes.DisplayName)?.Value);
        Assert.Equal(["hall.staff"], principal.FindAll(ImClaimTypes.Role).Select(claim => claim.Value));
        Assert.True(principal.IsInRole("hall.staff"));
        Assert.False(principal.IsInRole("admin"));
        Assert.True(principal.HasClaim(ImClaimTypes.OrgId, "org-1"));
        Assert.False(principal.HasClaim(ImClaimTypes.OrgId, "org-2"));
        Assert.Equal("ann", principal.Identity?.Name);
        Assert.True(principal.Identity?.IsAuthenticated);
        Assert.All(principal.Claims, claim => Assert.Same(principal.Identity, claim.Subject));
        Assert.Equal(
            ["name=Ann", "org=org-1", "role=hall.staff", "sub=ann"],
            principal.Claims.Select(claim => $"{claim.Type}={claim.Value}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TypesAMemberNeverHoldsAreNotFound()
    {
        var principal = Member();

        Assert.Null(principal.FindFirst(ImClaimTypes.ScreenId));
        Assert.Empty(principal.FindAll(ImClaimTypes.HallId));
        Assert.False(principal.HasClaim(ImClaimTypes.WindowId, "w-1"));
        Assert.Null(Im.Edge.Hall.ScreenPrincipal.Of(principal));
    }

    [Fact]
    public void TheExtensionsReadTheFieldsAndAnyOtherPrincipalItsClaims()
    {
        var member = Member("admin", "admin");
        var other = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "bob"), new Claim("org", "org-2"), new Claim("role", "hall.staff")], "Bearer"));

        Assert.Equal(("ann", "org-1", true), (member.MemberId(), member.OrgId(), member.IsAdmin()));
        Assert.Equal(["admin"], member.Roles());
        Assert.Equal(("bob", "org-2", false), (other.MemberId(), other.OrgId(), other.IsAdmin()));
        Assert.True(other.HasRole("hall.staff"));
        Assert.Null(new ClaimsPrincipal(new ClaimsIdentity()).FindMemberId());
    }

    [Fact]
    public void AClonedIdentityIsTheSameMember()
    {
        var clone = Assert.IsType<MemberIdentity>(new MemberIdentity("Bearer", "ann", null, null, ["admin"]).Clone());

        Assert.Equal(("ann", "Bearer", null, null), (clone.MemberId, clone.AuthenticationType, clone.DisplayName, clone.OrgId));
        Assert.Equal(["sub=ann", "role=admin"], clone.Claims.Select(claim => $"{claim.Type}={claim.Value}"));
    }

    [Fact]
    public void MembersShareASetOfRolesOnlyWhenItHoldsTheSameNames()
    {
        static ClaimsPrincipal Validated(params string[] roles) =>
            new(new ClaimsIdentity([new Claim("sub", "m"), .. roles.Select(role => new Claim("role", role))], "Bearer"));

        var first = MemberPrincipal.From(Validated("hall.staff", "org.admin"), "Bearer");
        var second = MemberPrincipal.From(Validated("hall.staff", "org.admin"), "Bearer");
        var joined = MemberPrincipal.From(Validated("hall.staff\norg.admin"), "Bearer");

        Assert.Same(((MemberIdentity)first.Identity!).Roles, ((MemberIdentity)second.Identity!).Roles);
        Assert.Equal(["hall.staff\norg.admin"], joined.Roles());
        Assert.False(joined.HasRole("hall.staff"));
    }
}
