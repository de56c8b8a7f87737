using System.Text;
using Im.Actors.Reminders;

namespace Im.Silo.Tests.Storage;

/// <summary>
/// The behaviour every storage adapter must show, run once per adapter by a subclass that
/// says how to open it (the pattern of aspnetcore's ScaleoutHubLifetimeManagerTests).
/// </summary>
/// <remarks>
/// Tests of one class share a database, so each works on keys of its own.
/// </remarks>
public abstract partial class StorageBehaviourTests
{
    protected const string MainDatabase = "main";

    private const string GrainType = "test-grain";

    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>
    /// Opens a new adapter instance over this class's database named
    /// <paramref name="database"/> (created empty on first use, the same data on later
    /// calls); with <paramref name="initialize"/> it has run its start-up path.
    /// </summary>
    protected abstract Task<StorageUnderTest> OpenAsync(string database, bool initialize);

    /// <summary>The schema scripts recorded as applied in the named database.</summary>
    protected abstract Task<IReadOnlyList<string>> ReadAppliedScriptsAsync(string database);

    protected Task<StorageUnderTest> OpenAsync() => OpenAsync(MainDatabase, initialize: true);

    [Fact]
    public async Task InitializingTwiceIsHarmless()
    {
        await using var storage = await OpenAsync();
        await storage.InitializeAsync(Cancellation);
        await storage.InitializeAsync(Cancellation);

        var key = Unique("init");
        var etag = await storage.State.WriteAsync(GrainType, key, Bytes("after re-init"), null, Cancellation);
        Assert.Equal(etag, (await storage.State.ReadAsync(GrainType, key, Cancellation)).Etag);
        var applied = await ReadAppliedScriptsAsync(MainDatabase);
        Assert.Contains("001_foundation.sql", applied);
        Assert.Contains("002_review_audit.sql", applied);
        Assert.Contains("003_message_edits.sql", applied);
        Assert.Contains("004_files.sql", applied);
        Assert.Contains("005_search.sql", applied);
        Assert.Contains("006_hall_tickets.sql", applied);
        Assert.Equal(applied.Count, applied.Distinct().Count());
    }

    [Fact]
    public async Task NodesInitializingAFreshDatabaseTogetherApplyTheSchemaOnce()
    {
        var database = "fresh" + Guid.NewGuid().ToString("N")[..8];
        var nodes = new List<StorageUnderTest>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                nodes.Add(await OpenAsync(database, initialize: false));
            }

            await Task.WhenAll(nodes.Select(node => Task.Run(() => node.InitializeAsync(Cancellation), Cancellation)));

            var applied = await ReadAppliedScriptsAsync(database);
            Assert.Contains("001_foundation.sql", applied);
            Assert.Equal(applied.Count, applied.Distinct().Count());
            await nodes[3].History.AppendAsync([Message("c", 1)], Cancellation);
            Assert.Equal(1, await nodes[0].History.ReadMaxSeqAsync("c", Cancellation));
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task DataSurvivesReopeningTheStore()
    {
        var key = Unique("reopen");
        var conversation = Unique("reopen");
        string etag;
        ReminderEntry reminder;
        await using (var first = await OpenAsync())
        {
            etag = await first.State.WriteAsync(GrainType, key, Bytes("kept"), null, Cancellation);
            reminder = await first.Reminders.UpsertAsync(Reminder(key, "r", DueAt(1), TimeSpan.FromMinutes(5)), Cancellation);
            await first.History.AppendAsync([Message(conversation, 1), Message(conversation, 2)], Cancellation);
        }

        await using var second = await OpenAsync();
        var state = await second.State.ReadAsync(GrainType, key, Cancellation);
        Assert.Equal(Bytes("kept"), state.Data);
        Assert.Equal(etag, state.Etag);
        Assert.Equal([reminder], await second.Reminders.ReadForGrainAsync(GrainType, key, Cancellation));
        Assert.Equal([Message(conversation, 1), Message(conversation, 2)], await second.History.ReadAfterAsync(conversation, 0, long.MaxValue, 10, Cancellation));
    }

    protected static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
