using Im.Domain.Errors;
using Xunit;

namespace Im.Testing;

public static class Refusal
{
    /// <summary>Asserts that the call is refused with <paramref name="code"/>; returns the refusal.</summary>
    public static async Task<DomainException> ExpectAsync(string code, Func<Task> call)
    {
        var refusal = await Assert.ThrowsAsync<DomainException>(call);
        Assert.Equal(code, refusal.Code);
        Assert.StartsWith($"{code}: ", refusal.Message, StringComparison.Ordinal);
        return refusal;
    }
}
