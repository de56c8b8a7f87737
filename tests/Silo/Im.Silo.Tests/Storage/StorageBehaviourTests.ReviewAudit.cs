using Im.Domain.Review;

namespace Im.Silo.Tests.Storage;

public abstract partial class StorageBehaviourTests
{
    [Fact]
    public async Task AuditRecordsRoundTripNewestFirstWithIncreasingIds()
    {
        await using var storage = await OpenAsync();
        var conversation = Unique("audit");
        var at = new DateTimeOffset(2031, 3, 4, 5, 6, 7, TimeSpan.FromHours(8)).AddTicks(450);
        var blocked = new ReviewAuditRecord(0, at, conversation, "alice", "c-1", ReviewDecision.Blocked, "politics", ["坏词", "Bad"]);
        var masked = new ReviewAuditRecord(0, at.AddSeconds(1), conversation, "bob", "c-2", ReviewDecision.Masked, "rude", ["darn"]);

        var firstId = await storage.Audit.AppendAsync(blocked, Cancellation);
        var secondId = await storage.Audit.AppendAsync(masked, Cancellation);
        var recent = (await storage.Audit.ReadRecentAsync(500, Cancellation)).Where(r => r.ConversationId == conversation).ToList();

        Assert.True(secondId > firstId);
        Assert.Equal([secondId, firstId], recent.Select(r => r.Id));
        AssertRecord(masked with { Id = secondId }, recent[0]);
        AssertRecord(blocked with { Id = firstId }, recent[1]);
        Assert.Equal(TimeSpan.Zero, recent[1].At.Offset);
    }

    [Fact]
    public async Task AuditReadsStopAtTheLimitAndKeepRecordsWithoutAList()
    {
        await using var storage = await OpenAsync();
        var conversation = Unique("audit-limit");
        for (var i = 0; i < 3; i++)
        {
            await storage.Audit.AppendAsync(new ReviewAuditRecord(0, SentBase, conversation, "carol", $"c-{i}", ReviewDecision.Allowed, null, []), Cancellation);
        }

        var newest = Assert.Single(await storage.Audit.ReadRecentAsync(1, Cancellation));

        Assert.Equal(("c-2", null, 0), (newest.ClientMsgId, newest.ListName, newest.MatchedWords.Count));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => storage.Audit.ReadRecentAsync(0, Cancellation));
    }

    [Fact]
    public async Task AuditRecordsSurviveReopeningTheStore()
    {
        var conversation = Unique("audit-reopen");
        long id;
        await using (var first = await OpenAsync())
        {
            id = await first.Audit.AppendAsync(new ReviewAuditRecord(0, SentBase, conversation, "dave", "c-1", ReviewDecision.Blocked, "list", ["w"]), Cancellation);
        }

        await using var second = await OpenAsync();
        Assert.Contains(await second.Audit.ReadRecentAsync(500, Cancellation), r => r.Id == id && r.ConversationId == conversation);
    }

    private static void AssertRecord(ReviewAuditRecord expected, ReviewAuditRecord actual)
    {
        Assert.Equal(
            (expected.Id, expected.At, expected.ConversationId, expected.SenderId, expected.ClientMsgId, expected.Decision, expected.ListName),
            (actual.Id, actual.At, actual.ConversationId, actual.SenderId, actual.ClientMsgId, actual.Decision, actual.ListName));
        Assert.Equal(expected.MatchedWords, actual.MatchedWords);
    }
}
