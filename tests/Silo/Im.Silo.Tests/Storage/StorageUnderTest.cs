using Im.Actors.Reminders;
using Im.Actors.Storage;
using Im.Domain.Files;
using Im.Domain.History;
using Im.Domain.Review;
using Im.Domain.Search;
using Im.Hall.Tickets;

namespace Im.Silo.Tests.Storage;

/// <summary>One adapter instance under test: its stores and how to initialize and close it.</summary>
public sealed class StorageUnderTest : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task> _initialize;
    private readonly Func<ValueTask> _dispose;
    private readonly Func<CancellationToken, Task<IAsyncDisposable>> _holdHistoryWrites;

    public StorageUnderTest(
        IGrainStateStore state,
        IReminderStore reminders,
        IMessageHistoryStore history,
        IReviewAuditLog audit,
        IFileMetadataStore files,
        IMessageSearch search,
        ITicketStore tickets,
        Func<CancellationToken, Task> initialize,
        Func<ValueTask> dispose,
        Func<CancellationToken, Task<IAsyncDisposable>> holdHistoryWrites)
    {
        State = state;
        Reminders = reminders;
        History = history;
        Audit = audit;
        Files = files;
        Search = search;
        Tickets = tickets;
        _initialize = initialize;
        _dispose = dispose;
        _holdHistoryWrites = holdHistoryWrites;
    }

    public IGrainStateStore State { get; }

    public IReminderStore Reminders { get; }

    public IMessageHistoryStore History { get; }

    public IReviewAuditLog Audit { get; }

    public IFileMetadataStore Files { get; }

    public IMessageSearch Search { get; }

    public ITicketStore Tickets { get; }

    /// <summary>Runs the adapter's start-up path: schema application included.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => _initialize(cancellationToken);

    /// <summary>
    /// Keeps history appends from being written until the returned handle is disposed, so the
    /// appends started meanwhile all wait together (SQLite: they then share one transaction).
    /// Reads go on. Returns once the hold is in place.
    /// </summary>
    public Task<IAsyncDisposable> HoldHistoryWritesAsync(CancellationToken cancellationToken) => _holdHistoryWrites(cancellationToken);

    public ValueTask DisposeAsync() => _dispose();
}
