using Im.Edge.Hosting;

namespace Im.Edge.Tests.Hosting;

// The runtime of this test process read the variable long ago; these only touch what
// SocketCompletions decides, and put the variable back as they found it.
public sealed class SocketCompletionsTests
{
    [Fact]
    public void AnUnsetVariableIsTurnedOn() => WithVariable(null, () =>
    {
        SocketCompletions.InlineUnlessConfigured();
        Assert.Equal("1", Environment.GetEnvironmentVariable(SocketCompletions.Variable));
    });

    [Fact]
    public void AnOperatorsChoiceIsKept() => WithVariable("0", () =>
    {
        SocketCompletions.InlineUnlessConfigured();
        Assert.Equal("0", Environment.GetEnvironmentVariable(SocketCompletions.Variable));
    });

    private static void WithVariable(string? value, Action test)
    {
        var before = Environment.GetEnvironmentVariable(SocketCompletions.Variable);
        Environment.SetEnvironmentVariable(SocketCompletions.Variable, value);
        try
        {
            test();
        }
        finally
        {
            Environment.SetEnvironmentVariable(SocketCompletions.Variable, before);
        }
    }
}
