namespace Im.Hall.Halls;

/// <summary>
/// A queue of one business type: its ticket prefix (<c>A</c> gives <c>A001</c>, <c>A002</c>…,
/// restarting every day), an optional daily quota and optional opening hours in the hall's
/// time zone (none: always open). Putting a queue with an existing id updates it.
/// </summary>
public sealed record QueueSetup(
    string QueueId,
    string Name,
    string Prefix,
    int? DailyQuota = null,
    IReadOnlyList<OpeningHours>? OpeningHours = null);
