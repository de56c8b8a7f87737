using Im.Actors;
using Im.Domain.Errors;
using Im.Hall.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Im.Hall.Halls;

/// <summary>
/// A hall's configuration and live view. It calls no other grain (windows and queue days
/// call it inside their turns), so it can never be part of a call cycle.
/// </summary>
[GrainType("hall")]
public sealed partial class HallGrain : Grain<HallState>, IHallGrain
{
    private readonly HallEdgeDirectory _edges;
    private readonly HallOptions _options;
    private readonly ILogger<HallGrain> _logger;

    public HallGrain(HallEdgeDirectory edges, IOptions<HallOptions> options, ILogger<HallGrain> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _edges = edges;
        _options = options.Value;
        _logger = logger;
    }

    private bool IsCreated => State.Name is not null;

    public async Task<HallInfo> CreateAsync(string creatorId, HallSetup setup)
    {
        HallInput.Id(GrainKey, "hallId");
        HallInput.MemberId(creatorId, "creatorId");
        if (setup is null)
        {
            throw new DomainException(ErrorCodes.Invalid, "a hall setup is required");
        }

        HallInput.Name(setup.Name, "name");
        var timeZone = setup.TimeZone ?? _options.DefaultTimeZone;
        HallInput.TimeZone(timeZone);
        if (IsCreated)
        {
            throw new DomainException(HallErrorCodes.AlreadyExists, "the hall exists");
        }

        State.Name = setup.Name;
        State.TimeZone = timeZone;
        State.CreatedAt = TimeProvider.GetUtcNow();
        State.People = new HallPeople([creatorId], [], []);
        await WriteStateAsync();
        return Info;
    }

    public Task<HallInfo> GetAsync()
    {
        RequireCreated();
        return Task.FromResult(Info);
    }

    public async Task<HallInfo> PutQueueAsync(QueueSetup queue)
    {
        if (queue is null)
        {
            throw new DomainException(ErrorCodes.Invalid, "a queue is required");
        }

        HallInput.Id(queue.QueueId, "queueId");
        HallInput.Name(queue.Name, "name");
        HallInput.Prefix(queue.Prefix);
        HallInput.Quota(queue.DailyQuota, _options.MaxDailyQuota);
        HallInput.Opening(queue.OpeningHours);
        RequireCreated();
        var stored = queue with { OpeningHours = queue.OpeningHours is null ? null : [.. queue.OpeningHours] };
        return await PutEntryAsync(State.Queues, stored, q => q.QueueId == queue.QueueId);
    }

    public async Task<HallInfo> PutWindowAsync(WindowSetup window)
    {
        if (window is null)
        {
            throw new DomainException(ErrorCodes.Invalid, "a window is required");
        }

        HallInput.Id(window.WindowId, "windowId");
        HallInput.Name(window.Name, "name");
        if (window.QueueIds is null || window.QueueIds.Count is 0 or > HallInput.MaxWindowQueues)
        {
            throw new DomainException(ErrorCodes.Invalid, $"queueIds must name 1..{HallInput.MaxWindowQueues} queues");
        }

        foreach (var queueId in window.QueueIds)
        {
            HallInput.Id(queueId, "every queue id");
        }

        RequireCreated();
        if (window.QueueIds.FirstOrDefault(id => !State.Queues.Exists(q => q.QueueId == id)) is { } unknown)
        {
            throw new DomainException(ErrorCodes.NotFound, $"queue {unknown} does not exist");
        }

        var stored = window with { QueueIds = [.. window.QueueIds.Distinct(StringComparer.Ordinal)] };
        return await PutEntryAsync(State.Windows, stored, w => w.WindowId == window.WindowId);
    }

    public async Task<HallInfo> SetPeopleAsync(HallPeople people)
    {
        if (people is null)
        {
            throw new DomainException(ErrorCodes.Invalid, "people are required");
        }

        var admins = HallInput.MemberIds(people.Admins, "admins");
        var staff = HallInput.MemberIds(people.Staff, "staff");
        var supervisors = HallInput.MemberIds(people.Supervisors, "supervisors");
        RequireCreated();
        State.People = new HallPeople(admins, staff, supervisors);
        await WriteStateAsync();
        return Info;
    }

    public Task<HallRole> GetRoleAsync(string memberId)
    {
        var role = !IsCreated || memberId is null ? HallRole.None
            : State.People.Admins.Contains(memberId, StringComparer.Ordinal) ? HallRole.Admin
            : State.People.Staff.Contains(memberId, StringComparer.Ordinal) ? HallRole.Staff
            : HallRole.None;
        return Task.FromResult(role);
    }

    /// <summary>A put is an upsert by id: replaces the entry <paramref name="sameId"/> finds, or adds <paramref name="stored"/>, then persists.</summary>
    private async Task<HallInfo> PutEntryAsync<T>(List<T> entries, T stored, Predicate<T> sameId)
    {
        var index = entries.FindIndex(sameId);
        if (index >= 0)
        {
            entries[index] = stored;
        }
        else
        {
            entries.Add(stored);
        }

        await WriteStateAsync();
        return Info;
    }

    private HallInfo Info =>
        new(GrainKey, State.Name!, State.TimeZone, [.. State.Queues], [.. State.Windows], State.People);

    private void RequireCreated()
    {
        if (!IsCreated)
        {
            throw new DomainException(ErrorCodes.NotFound, "the hall does not exist");
        }
    }
}
