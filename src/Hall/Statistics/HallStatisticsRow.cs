namespace Im.Hall.Statistics;

/// <summary>
/// One queue's or one window's figures for a day. <c>Issued</c> counts numbers the queue
/// handed out (null for a window); <c>Called</c> tickets called at least once; <c>Served</c>,
/// <c>Skipped</c>, <c>Transferred</c> how they closed. Waiting runs from a ticket's place in
/// the queue (issue, or transfer when it went to the back) to its first call; service from
/// the first call to the close of a served ticket. Null times: no ticket to measure.
/// </summary>
public sealed record HallStatisticsRow(
    string Scope,
    string Id,
    int? Issued,
    int Called,
    int Served,
    int Skipped,
    int Transferred,
    TimeSpan? WaitAverage,
    TimeSpan? WaitP90,
    TimeSpan? ServiceAverage,
    TimeSpan? ServiceP90,
    int VerySatisfied,
    int Satisfied,
    int Unsatisfied);
