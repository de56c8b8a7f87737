using Im.Domain.Errors;
using Im.Hall.Screens;

namespace Im.Hall.Halls;

public sealed partial class HallGrain
{
    /// <summary>How many screens a hall may list, removed ones included (their ids stay refused).</summary>
    public const int MaxScreens = 1_000;

    public async Task<ScreenInfo> AddScreenAsync(ScreenSetup screen)
    {
        if (screen is null)
        {
            throw new DomainException(ErrorCodes.Invalid, "a screen is required");
        }

        HallInput.OptionalName(screen.Name, "name");
        if (screen.WindowId is not null)
        {
            HallInput.Id(screen.WindowId, "windowId");
        }

        RequireCreated();
        if (screen.WindowId is not null && !State.Windows.Exists(w => w.WindowId == screen.WindowId))
        {
            throw new DomainException(ErrorCodes.NotFound, "the window does not exist");
        }

        if (State.Screens.Count + State.RemovedScreens.Count >= MaxScreens)
        {
            throw new DomainException(ErrorCodes.TooLarge, $"a hall holds at most {MaxScreens} screens");
        }

        // The id goes into the screen's access token: random, so it cannot be guessed.
        var info = new ScreenInfo(Guid.NewGuid().ToString("N"), GrainKey, screen.Name, screen.WindowId, TimeProvider.GetUtcNow());
        State.Screens.Add(info);
        await WriteStateAsync();
        return info;
    }

    public Task<bool> IsScreenActiveAsync(string screenId) =>
        Task.FromResult(IsCreated && State.Screens.Exists(s => s.ScreenId == screenId));

    /// <summary>Removes a screen; removing one removed already changes nothing, an unknown one is <c>not_found</c>.</summary>
    public async Task RemoveScreenAsync(string screenId)
    {
        RequireCreated();
        if (State.RemovedScreens.Contains(screenId, StringComparer.Ordinal))
        {
            return;
        }

        var index = State.Screens.FindIndex(s => s.ScreenId == screenId);
        if (index < 0)
        {
            throw new DomainException(ErrorCodes.NotFound, "the screen does not exist");
        }

        State.Screens.RemoveAt(index);
        State.RemovedScreens.Add(screenId);
        await WriteStateAsync();
    }
}
