using Im.Domain.Files;

namespace Im.Silo.Tests.Storage;

public abstract partial class StorageBehaviourTests
{
    [Fact]
    public async Task FileMetadataRoundTripsInUtcMicroseconds()
    {
        await using var storage = await OpenAsync();
        var createdAt = new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.FromHours(8)).AddTicks(4567);
        var file = new StoredFile(Unique("f"), Unique("conversation"), "alice", "工会章程.pdf", "application/pdf", 12345, new string('a', 64), createdAt);

        await storage.Files.AddAsync(file, Cancellation);
        var found = await storage.Files.FindAsync(file.FileId, Cancellation);

        Assert.Equal(file with { CreatedAt = createdAt.AddTicks(-7).ToUniversalTime() }, found);
        Assert.Equal(TimeSpan.Zero, found!.CreatedAt.Offset);
        Assert.Null(await storage.Files.FindAsync(Unique("missing"), Cancellation));
    }

    [Fact]
    public async Task AFileRecordIsNeverOverwritten()
    {
        await using var storage = await OpenAsync();
        var file = new StoredFile(Unique("f"), "c", "alice", "a.txt", "text/plain", 1, "00", SentBase);
        await storage.Files.AddAsync(file, Cancellation);

        await Assert.ThrowsAnyAsync<Exception>(() => storage.Files.AddAsync(file with { Name = "b.txt" }, Cancellation));

        Assert.Equal("a.txt", (await storage.Files.FindAsync(file.FileId, Cancellation))!.Name);
    }

    [Fact]
    public async Task FileMetadataSurvivesReopeningTheStore()
    {
        var file = new StoredFile(Unique("f"), "c", "alice", "a.png", "image/png", 9, "ff", SentBase);
        await using (var first = await OpenAsync())
        {
            await first.Files.AddAsync(file, Cancellation);
        }

        await using var second = await OpenAsync();
        Assert.Equal(file, await second.Files.FindAsync(file.FileId, Cancellation));
    }
}
