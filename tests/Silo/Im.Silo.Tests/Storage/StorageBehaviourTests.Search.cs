using Im.Domain.History;

namespace Im.Silo.Tests.Storage;

public abstract partial class StorageBehaviourTests
{
    [Fact]
    public async Task SearchFindsChineseByAnySubstringIncludingOneAndTwoCharacters()
    {
        await using var storage = await OpenAsync();
        var conversation = Unique("search-zh");
        await storage.History.AppendAsync([Text(conversation, 1, "明天下午三点工会开会"), Text(conversation, 2, "收到"), Text(conversation, 3, "会议室在三楼")], Cancellation);

        Assert.Equal([1L], await SeqsAsync(storage, [conversation], "工会开会"));
        Assert.Equal([1L], await SeqsAsync(storage, [conversation], "工会"));
        Assert.Equal([3L, 1L], await SeqsAsync(storage, [conversation], "会"));
        Assert.Equal([3L, 1L], await SeqsAsync(storage, [conversation], "三"));
        Assert.Empty(await SeqsAsync(storage, [conversation], "罢工"));
    }

    [Fact]
    public async Task SearchIgnoresLatinCaseAndTreatsWildcardsAsText()
    {
        await using var storage = await OpenAsync();
        var conversation = Unique("search-en");
        await storage.History.AppendAsync([Text(conversation, 1, "Union Meeting at NOON"), Text(conversation, 2, "100% agreed_on it")], Cancellation);

        Assert.Equal([1L], await SeqsAsync(storage, [conversation], "union meeting"));
        Assert.Equal([1L], await SeqsAsync(storage, [conversation], "noon"));
        Assert.Equal([1L], await SeqsAsync(storage, [conversation], "Un"));
        Assert.Equal([2L], await SeqsAsync(storage, [conversation], "0%"));
        Assert.Equal([2L], await SeqsAsync(storage, [conversation], "d_on"));
        Assert.Empty(await SeqsAsync(storage, [conversation], "%%%"));
    }

    [Fact]
    public async Task SearchReturnsOnlyTheNamedConversationsNewestFirstUpToTheLimit()
    {
        await using var storage = await OpenAsync();
        var (mine, other) = (Unique("search-mine"), Unique("search-other"));
        await storage.History.AppendAsync([Text(mine, 1, "工会福利 one"), Text(mine, 2, "工会福利 two"), Text(mine, 3, "工会福利 three")], Cancellation);
        await storage.History.AppendAsync([Text(other, 1, "工会福利 secret")], Cancellation);

        var hits = await storage.Search.SearchAsync([mine], "工会福利", 2, Cancellation);

        Assert.Equal([(mine, 3L), (mine, 2L)], hits.Select(h => (h.ConversationId, h.Seq)));
        Assert.Equal(("sender-0", "工会福利 three", SentBase.AddSeconds(3)), (hits[0].SenderId, hits[0].Snippet, hits[0].SentAt));
        Assert.Empty(await storage.Search.SearchAsync([], "工会福利", 10, Cancellation));
        Assert.Empty(await SeqsAsync(storage, [mine], "secret"));
        Assert.Empty(await SeqsAsync(storage, [mine], "cr"));
        Assert.Equal([1L], await SeqsAsync(storage, [other], "cr"));
    }

    [Fact]
    public async Task SearchFindsTheWholeQueryNotPiecesOfItSpreadOverAMessage()
    {
        await using var storage = await OpenAsync();
        var conversation = Unique("search-whole");
        const string Long = "the members' assembly votes on the new collective agreement on friday";
        await storage.History.AppendAsync(
            [Text(conversation, 1, "abcd and bcde"), Text(conversation, 2, "xabcdex"), Text(conversation, 3, "好的👍👍"), Text(conversation, 4, Long), Text(conversation, 5, "he said \"strike\" twice")],
            Cancellation);

        // Message 1 holds every three-character piece of "abcde", never the whole.
        Assert.Equal([2L], await SeqsAsync(storage, [conversation], "abcde"));
        Assert.Equal([3L], await SeqsAsync(storage, [conversation], "👍👍"));
        Assert.Equal([4L], await SeqsAsync(storage, [conversation], Long[4..]));
        Assert.Empty(await SeqsAsync(storage, [conversation], Long[4..^1] + "x"));
        Assert.Empty(await SeqsAsync(storage, [conversation], "agreement on monday"));
        Assert.Equal([5L], await SeqsAsync(storage, [conversation], "\"strike\""));
    }

    [Fact]
    public async Task ASearchSnippetOfALongMessageShowsTheMatch()
    {
        await using var storage = await OpenAsync();
        var conversation = Unique("search-long");
        await storage.History.AppendAsync([Text(conversation, 1, new string('啊', 400) + "目标词" + new string('哦', 400))], Cancellation);

        var hit = Assert.Single(await storage.Search.SearchAsync([conversation], "目标词", 10, Cancellation));

        Assert.Contains("目标词", hit.Snippet, StringComparison.Ordinal);
        Assert.True(hit.Snippet.Length <= 120);
    }

    [Fact]
    public async Task ARefusedAppendIndexesNothing()
    {
        await using var storage = await OpenAsync();
        var conversation = Unique("search-dup");
        await storage.History.AppendAsync([Text(conversation, 2, "first")], Cancellation);

        await Assert.ThrowsAsync<DuplicateMessageException>(() => storage.History.AppendAsync([Text(conversation, 1, "phantom"), Text(conversation, 2, "phantom")], Cancellation));

        Assert.Empty(await SeqsAsync(storage, [conversation], "phantom"));
        Assert.Empty(await SeqsAsync(storage, [conversation], "ph"));
    }

    [Fact]
    public async Task AnEditReindexesTheNewTextAndARecallMakesTheMessageUnfindable()
    {
        await using var storage = await OpenAsync();
        var conversation = Unique("search-edit");
        await storage.History.AppendAsync([Text(conversation, 1, "strike vote on friday"), Text(conversation, 2, "secret ballot plan")], Cancellation);

        Assert.True(await storage.History.UpdateBodyAsync(conversation, 1, """{"text":"strike vote moved to monday"}""", 0, Cancellation));
        Assert.True(await storage.History.UpdateBodyAsync(conversation, 2, """{"recalled":true,"recalledBy":"ann"}""", 0, Cancellation));

        Assert.Equal([1L], await SeqsAsync(storage, [conversation], "monday"));
        Assert.Empty(await SeqsAsync(storage, [conversation], "friday"));
        Assert.Empty(await SeqsAsync(storage, [conversation], "ballot"));
        Assert.Empty(await SeqsAsync(storage, [conversation], "se"));
    }

    [Fact]
    public async Task OnlyABodysNonEmptyTextIsSearchableAndEveryMessageKeepsItsClientMsgId()
    {
        await using var storage = await OpenAsync();
        var conversation = Unique("search-bodies");
        string[] bodies =
        [
            """{"mentions":["text"]}""",
            """{"text":""}""",
            """{"text":4242}""",
            """{"text":"text" """,
            """{"text":"plain text"}""",
        ];
        var messages = bodies.Select((body, i) => new HistoryMessage(conversation, i + 1, "sender-0", $"client-{i + 1}", SentBase.AddSeconds(i + 1), body)).ToList();

        await storage.History.AppendAsync(messages, Cancellation);

        Assert.Equal([5L], await SeqsAsync(storage, [conversation], "text"));
        Assert.Empty(await SeqsAsync(storage, [conversation], "4242"));
        Assert.Empty(await SeqsAsync(storage, [conversation], "42"));
        Assert.Empty(await SeqsAsync(storage, [conversation], "mentions"));
        foreach (var message in messages)
        {
            Assert.Equal(message, await storage.History.FindByClientMsgIdAsync(conversation, message.ClientMsgId, Cancellation));
        }
    }

    private static HistoryMessage Text(string conversation, long seq, string text) =>
        new(conversation, seq, $"sender-{seq % 3}", $"client-{seq}", SentBase.AddSeconds(seq), System.Text.Json.JsonSerializer.Serialize(new { text }));

    private static async Task<List<long>> SeqsAsync(StorageUnderTest storage, string[] conversations, string query) =>
        [.. (await storage.Search.SearchAsync(conversations, query, 50, Cancellation)).Select(h => h.Seq)];
}
