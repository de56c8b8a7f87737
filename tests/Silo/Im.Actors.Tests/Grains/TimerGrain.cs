using Im.Actors.Tests.Support;

namespace Im.Actors.Tests.Grains;

public interface ITimerGrain : IGrain
{
    Task StartAsync(TimeSpan period);

    Task<int> GetTicksAsync();
}

/// <summary>Counts timer ticks; each tick checks that it runs as a turn of its own.</summary>
public sealed class TimerGrain(GrainProbe probe) : Grain, ITimerGrain
{
    private int _ticks;

    public Task StartAsync(TimeSpan period)
    {
        RegisterTimer(
            _ =>
            {
                probe.EnterTurn();
                _ticks++;
                probe.ExitTurn();
                probe.Signal($"tick {_ticks}");
                return Task.CompletedTask;
            },
            period,
            period);
        return Task.CompletedTask;
    }

    public Task<int> GetTicksAsync() => Task.FromResult(_ticks);
}
