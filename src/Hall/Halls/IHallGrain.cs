using Im.Actors;
using Im.Hall.Screens;
using Im.Hall.Windows;

namespace Im.Hall.Halls;

/// <summary>
/// One service hall, keyed by hall id: its configuration (queues, windows, people, screens)
/// and the live view screens start from (recent calls, window statuses).
/// </summary>
/// <remarks>
/// <para>Who may call: the edge after checking the caller's <see cref="HallRole"/> (or the
/// platform <c>admin</c> role); windows and queue days of this hall. The grain checks input,
/// not callers.</para>
/// <para>Call graph: the hall calls no window or queue grain, so windows and queue days may
/// call it inside their turns without forming a cycle.</para>
/// <para>Durability: every change is stored before the call returns. <see cref="RecordCallAsync"/>
/// and <see cref="RecordWindowStatusAsync"/> store the view, then push the event to every
/// edge (best effort; a screen that reconnects gets a fresh snapshot).</para>
/// </remarks>
public interface IHallGrain : IGrain
{
    /// <summary>Creates the hall with <paramref name="creatorId"/> as its first admin; <c>already_exists</c> if it exists.</summary>
    Task<HallInfo> CreateAsync(string creatorId, HallSetup setup);

    /// <summary>The configuration; <c>not_found</c> until created.</summary>
    Task<HallInfo> GetAsync();

    /// <summary>Adds or updates a queue.</summary>
    Task<HallInfo> PutQueueAsync(QueueSetup queue);

    /// <summary>Adds or updates a window; every queue it names must exist.</summary>
    Task<HallInfo> PutWindowAsync(WindowSetup window);

    Task<HallInfo> SetPeopleAsync(HallPeople people);

    /// <summary>The member's standing here; <see cref="HallRole.None"/> for a hall that does not exist.</summary>
    Task<HallRole> GetRoleAsync(string memberId);

    /// <summary>Registers a screen (optionally for one window); its id goes into its access token.</summary>
    Task<ScreenInfo> AddScreenAsync(ScreenSetup screen);

    /// <summary>Whether the screen is registered and not removed: the hall hub asks on every connect.</summary>
    Task<bool> IsScreenActiveAsync(string screenId);

    Task RemoveScreenAsync(string screenId);

    /// <summary>Records a call or a recall (<c>CallCount</c> above 1) in the recent calls and pushes <c>ticketCalled</c> or <c>ticketRecalled</c>.</summary>
    Task RecordCallAsync(HallCall call);

    /// <summary>Records a window's status and pushes <c>windowStatusChanged</c>.</summary>
    Task RecordWindowStatusAsync(WindowStatusView status);

    /// <summary>Recent calls (newest first) and every configured window's status.</summary>
    Task<HallView> GetViewAsync();
}
