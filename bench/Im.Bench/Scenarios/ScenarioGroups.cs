using Im.Bench.Actors;
using Im.Bench.Chat;
using Im.Bench.Cli;
using Im.Bench.Hall;
using Im.Bench.Store;

namespace Im.Bench.Scenarios;

/// <summary>The groups the command line knows; a new group is one more entry here.</summary>
public static class ScenarioGroups
{
    private static readonly IScenarioGroup[] All = [new ActorScenarios(), new ChatScenarios(), new HallScenarios(), new StoreScenarios()];

    public static IScenarioGroup Find(string name) =>
        All.FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new UsageException($"unknown scenario group '{name}' (known: {string.Join(", ", All.Select(g => g.Name))})");
}
