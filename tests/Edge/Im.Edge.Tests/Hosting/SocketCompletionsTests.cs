using Im.Edge.Hosting;

namespace Im.Edge.Tests.Hosting;

// These change the process's environment, so they run alone, after the parallel tests: by
// then the runtime of this test process has read the variable (TestProcessSockets), and no
// other test can make its first socket while it is changed. They only touch what
// SocketCompletions decides, and put the variable back as they found it.
[Collection(ProcessEnvironmentCollection.Name)]
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

/// <summary>Tests that change the process's environment: run alone, with no test in parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "changes the process environment";
}
