namespace Im.Hall.Notices;

/// <summary>
/// A hall notice. Kinds: <c>hall.called</c>, <c>hall.get_ready</c>, <c>hall.window_paused</c>,
/// <c>hall.rating_unsatisfied</c>. <c>Id</c> names the event (e.g. <c>hall.called:{ticketId}:{callCount}</c>).
/// </summary>
public sealed record HallNotice(string Kind, string Id, string Title, string Body, IReadOnlyDictionary<string, string> Data);
