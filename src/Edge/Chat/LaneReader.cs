using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;

namespace Im.Edge.Chat;

/// <summary>
/// The one reader of a <see cref="ChatEdge"/> lane. Each conversation event leaves with the
/// same conversation's events queued right behind it, and a large, busy conversation's
/// events are held for a moment so that its next ones leave with them.
/// </summary>
/// <remarks>
/// <para>Why hold: a fan-out costs a socket write per connection on the server and a read
/// per connection on each client, per frame, whatever the frame holds. Events that reach a
/// connection together go in one frame (<see cref="ImHubLifetimeManager.SendEventsAsync"/>).
/// When a group of thousands gets messages faster than one fan-out takes, holding each for
/// <see cref="FanOutHold.Linger"/> lets the next ones join it: fewer, fuller frames for the same
/// messages (docs/fanout.md, "Holding a busy large group's events").</para>
/// <para>When: only for a conversation fanned out in shards here
/// (<see cref="ImHubLifetimeManager.FansOutInShards"/>) whose previous fan-out left less
/// than <see cref="FanOutHold.BusyWindow"/> ago, so a quiet group's message leaves at once; a hold ends
/// early once it has <see cref="MaxEventsPerSend"/> events.</para>
/// <para>Order: every event of a conversation passes this reader, held ones included, so
/// they leave in order. Other work about the conversation (membership changes, joins) first
/// sends what the conversation has held, so it runs after the events queued before it, as
/// without holds.</para>
/// </remarks>
internal sealed class LaneReader(Channel<LaneWork> lane, ImHubLifetimeManager fanOut, FanOutHold holding, ILogger logger)
{
    /// <summary>At most this many events of one conversation go out together, bounding what one connection is handed at once.</summary>
    public const int MaxEventsPerSend = 64;

    // Past this many remembered fan-outs, those older than the busy window are dropped.
    private const int MaxRememberedFanOuts = 1024;

    private readonly Dictionary<string, Hold> _held = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _lastLargeFanOut = new(StringComparer.Ordinal);
    private readonly List<SerializedHubMessage> _events = [];
    private long _holds;

    public async Task RunAsync()
    {
        var reader = lane.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var work))
            {
                await RunOneAsync(work).ConfigureAwait(false);
            }
        }

        // The lane is closed (the edge stops): what is still held leaves now.
        foreach (var (group, held) in _held.ToList())
        {
            await RunOneAsync(LaneWork.EndHold(group, held.Id)).ConfigureAwait(false);
        }
    }

    private async Task RunOneAsync(LaneWork work)
    {
        try
        {
            if (work.Message is { } message)
            {
                await SendOrHoldAsync(work.Group!, message).ConfigureAwait(false);
            }
            else if (work.Work is { } other)
            {
                if (work.Group is { } group && _held.TryGetValue(group, out var held))
                {
                    await SendHeldAsync(group, held).ConfigureAwait(false);
                }

                await other().ConfigureAwait(false);
            }
            else if (_held.TryGetValue(work.Group!, out var held) && held.Id == work.HoldId)
            {
                // A hold that already left (full, or before other work) has no end to wait
                // for: the same group may hold again meanwhile, under another id.
                await SendHeldAsync(work.Group!, held).ConfigureAwait(false);
            }
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "Delivery to local connections failed");
        }
    }

    private async Task SendOrHoldAsync(string group, SerializedHubMessage message)
    {
        if (_held.TryGetValue(group, out var held))
        {
            held.Events.Add(message);
            GatherSameGroup(group, held.Events);
            if (held.Events.Count >= MaxEventsPerSend)
            {
                await SendHeldAsync(group, held).ConfigureAwait(false);
            }

            return;
        }

        _events.Clear();
        _events.Add(message);
        GatherSameGroup(group, _events);
        if (holding.Linger > TimeSpan.Zero && _events.Count < MaxEventsPerSend && IsBusyAndLarge(group))
        {
            held = new Hold(++_holds, [.. _events]);
            _held.Add(group, held);
            _ = EndHoldLaterAsync(group, held.Id);
            return;
        }

        await SendAsync(group, _events).ConfigureAwait(false);
    }

    // The same conversation's events right behind the current one join it; anything else
    // stays queued, so the lane's order is kept.
    private void GatherSameGroup(string group, List<SerializedHubMessage> events)
    {
        while (events.Count < MaxEventsPerSend && lane.Reader.TryPeek(out var next) && next.Group == group && next.Message is not null && lane.Reader.TryRead(out next))
        {
            events.Add(next.Message!);
        }
    }

    private bool IsBusyAndLarge(string group) =>
        _lastLargeFanOut.TryGetValue(group, out var last) && Stopwatch.GetElapsedTime(last) < holding.BusyWindow && fanOut.FansOutInShards(group);

    private async Task EndHoldLaterAsync(string group, long holdId)
    {
        await Task.Delay(holding.Linger).ConfigureAwait(false);
        try
        {
            await lane.Writer.WriteAsync(LaneWork.EndHold(group, holdId)).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // The edge stops; the reader sends what is held when it drains.
        }
    }

    private Task SendHeldAsync(string group, Hold held)
    {
        _held.Remove(group);
        return SendAsync(group, held.Events);
    }

    private async Task SendAsync(string group, List<SerializedHubMessage> events)
    {
        await fanOut.SendEventsAsync(group, events).ConfigureAwait(false);
        if (holding.Linger > TimeSpan.Zero && fanOut.FansOutInShards(group))
        {
            RememberFanOut(group);
        }
    }

    private void RememberFanOut(string group)
    {
        if (_lastLargeFanOut.Count >= MaxRememberedFanOuts)
        {
            foreach (var (stale, at) in _lastLargeFanOut.ToList())
            {
                if (Stopwatch.GetElapsedTime(at) >= holding.BusyWindow)
                {
                    _lastLargeFanOut.Remove(stale);
                }
            }
        }

        _lastLargeFanOut[group] = Stopwatch.GetTimestamp();
    }

    private sealed record Hold(long Id, List<SerializedHubMessage> Events);
}
