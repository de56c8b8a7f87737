namespace Im.Hall.Errors;

/// <summary>
/// The hall's stable error codes, on top of <see cref="Im.Domain.Errors.ErrorCodes"/>
/// (<c>invalid</c>, <c>not_found</c>, <c>forbidden</c>, <c>conflict</c>). Each refusal changes nothing.
/// </summary>
public static class HallErrorCodes
{
    /// <summary>The queue has no ticket to call (REST answers 404).</summary>
    public const string QueueEmpty = "queue_empty";

    /// <summary>The queue issued its daily quota (walk-ins and appointments together).</summary>
    public const string QuotaExhausted = "quota_exhausted";

    /// <summary>The queue is outside its opening hours.</summary>
    public const string QueueClosed = "queue_closed";

    /// <summary>The member already holds an open ticket in this queue today.</summary>
    public const string DuplicateTicket = "duplicate_ticket";

    /// <summary>The window is not bound to the queue it tried to call.</summary>
    public const string NotBound = "not_bound";

    /// <summary>The window is paused; resume it first.</summary>
    public const string WindowPaused = "window_paused";

    /// <summary>The window serves no ticket (recall, skip, finish need one).</summary>
    public const string NoCurrentTicket = "no_current_ticket";

    /// <summary>The ticket's state does not allow the operation (a transfer of a finished ticket, a second rating).</summary>
    public const string TicketState = "ticket_state";

    /// <summary>The hall, queue, window, ticket or appointment already exists.</summary>
    public const string AlreadyExists = "already_exists";

    /// <summary>An appointment's slot has not started yet: check in from its start.</summary>
    public const string TooEarly = "too_early";
}
