using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Im.Domain.Chat;
using Im.Testing;
using Im.Testing.SignalR;
using static Im.Edge.Tests.Chat.ChatCalls;

namespace Im.Edge.Tests.Files;

public sealed class FileTests(FileServer fixture) : IClassFixture<FileServer>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3];

    private Chat.ChatServer Server => fixture.Server;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AMemberUploadsAndAnotherMemberFetchesTheSameBytes()
    {
        var (ann, bob, conversation) = await DirectAsync();

        using var upload = await UploadAsync(ann, conversation, Png, "image/png", "工会.png");
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var body = (await upload.Content.ReadFromJsonAsync<JsonObject>(Cancellation))!;
        var fileId = (string)body["fileId"]!;
        Assert.Equal(("工会.png", "image/png", Png.Length, $"/api/files/{fileId}"), ((string)body["name"]!, (string)body["contentType"]!, (int)body["size"]!, (string)body["url"]!));

        using var fetched = await GetAsync(bob, $"/api/files/{fileId}");
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal(Png, await fetched.Content.ReadAsByteArrayAsync(Cancellation));
        Assert.Equal("image/png", fetched.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", Assert.Single(fetched.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal($"\"{Convert.ToHexStringLower(SHA256.HashData(Png))}\"", fetched.Headers.ETag!.Tag);
        Assert.Equal("inline", fetched.Content.Headers.ContentDisposition!.DispositionType);
    }

    [Fact]
    public async Task DocumentsAreServedAsAttachments()
    {
        var (ann, bob, conversation) = await DirectAsync();
        using var upload = await UploadAsync(ann, conversation, "%PDF-1.7 minutes"u8.ToArray(), "application/pdf", "minutes.pdf");
        var fileId = (string)(await upload.Content.ReadFromJsonAsync<JsonObject>(Cancellation))!["fileId"]!;

        using var fetched = await GetAsync(bob, $"/api/files/{fileId}");

        Assert.Equal("attachment", fetched.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("minutes.pdf", fetched.Content.Headers.ContentDisposition.FileNameStar);
    }

    [Fact]
    public async Task ANonMemberCanNeitherFetchNorUpload()
    {
        var (ann, _, conversation) = await DirectAsync();
        var eve = Unique("eve");
        await Server.TokenAsync(eve);
        using var upload = await UploadAsync(ann, conversation, "notes"u8.ToArray(), "text/plain", "notes.txt");
        var fileId = (string)(await upload.Content.ReadFromJsonAsync<JsonObject>(Cancellation))!["fileId"]!;

        using var fetched = await GetAsync(eve, $"/api/files/{fileId}");
        using var refusedUpload = await UploadAsync(eve, conversation, "x"u8.ToArray(), "text/plain", "x.txt");
        using var unknown = await GetAsync(ann, $"/api/files/{Guid.NewGuid():N}");

        await AssertProblemAsync(fetched, HttpStatusCode.Forbidden, "not_member");
        await AssertProblemAsync(refusedUpload, HttpStatusCode.Forbidden, "not_member");
        await AssertProblemAsync(unknown, HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task RefusedUploadsStoreNothing()
    {
        var (ann, _, conversation) = await DirectAsync();
        var oversize = new byte[FileServer.MaxBytes + 1];
        "%PDF-"u8.CopyTo(oversize);
        // Tests of a class run one at a time, so the directory changes only by this test's uploads.
        var before = StoredFiles();

        using var tooLarge = await UploadAsync(ann, conversation, oversize, "application/pdf", "big.pdf");
        using var badType = await UploadAsync(ann, conversation, "MZ\x90\0"u8.ToArray(), "application/x-msdownload", "tool.exe");
        using var mismatch = await UploadAsync(ann, conversation, "<script>alert(1)</script>"u8.ToArray(), "image/png", "cat.png");
        using var exactlyMax = await UploadAsync(ann, conversation, oversize[..FileServer.MaxBytes], "application/pdf", "max.pdf");

        await AssertProblemAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge, "too_large");
        await AssertProblemAsync(badType, HttpStatusCode.UnsupportedMediaType, "invalid");
        await AssertProblemAsync(mismatch, HttpStatusCode.BadRequest, "invalid");
        Assert.Equal(HttpStatusCode.Created, exactlyMax.StatusCode);
        var added = StoredFiles().Except(before).ToList();
        Assert.Equal(FileServer.MaxBytes, new FileInfo(Assert.Single(added)).Length);
    }

    [Fact]
    public async Task AMessageWithAnAttachmentDeliversItsMetadata()
    {
        var (ann, bob, conversation) = await DirectAsync();
        await using var bobClient = await Server.ConnectAsync(bob);
        await using var annClient = await Server.ConnectAsync(ann);
        using var upload = await UploadAsync(ann, conversation, Png, "image/png", "photo.png");
        var fileId = (string)(await upload.Content.ReadFromJsonAsync<JsonObject>(Cancellation))!["fileId"]!;

        await annClient.InvokeAsync<SendReceipt>("sendMessage", new { conversationId = conversation, clientMsgId = "a1", text = "看图", attachments = new[] { new { fileId } } });
        var delivered = await bobClient.NextEventAsync<ChatMessage>("message", Cancellation).DefaultTimeout();
        var history = await bobClient.InvokeAsync<HistoryPage>("getHistory", new { conversationId = conversation });

        var expected = new Im.Domain.Files.MessageAttachment(fileId, "photo.png", "image/png", Png.Length);
        Assert.Equal([expected], delivered.Attachments);
        Assert.Equal([expected], Assert.Single(history.Messages).Attachments);
    }

    [Fact]
    public async Task AFileOfAnotherConversationCannotBeAttached()
    {
        var (ann, _, conversation) = await DirectAsync();
        var (_, _, elsewhere) = await DirectAsync();
        await using var annClient = await Server.ConnectAsync(ann);
        var carol = Unique("carol");
        await Server.TokenAsync(carol);
        var own = (await annClient.InvokeAsync<ConversationRefWire>("openDirect", carol)).ConversationId;
        using var upload = await UploadAsync(ann, conversation, Png, "image/png", "photo.png");
        var fileId = (string)(await upload.Content.ReadFromJsonAsync<JsonObject>(Cancellation))!["fileId"]!;

        var refusal = await Assert.ThrowsAsync<HubInvocationException>(() =>
            annClient.InvokeAsync("sendMessage", new { conversationId = own, clientMsgId = "x1", text = "leak", attachments = new[] { new { fileId } } }));

        Assert.Equal("invalid", refusal.Code);
        Assert.NotEqual(conversation, elsewhere);
    }

    private List<string> StoredFiles() =>
        Directory.Exists(Server.FilesDirectory) ? [.. Directory.EnumerateFiles(Server.FilesDirectory, "*", SearchOption.AllDirectories)] : [];

    private async Task<(string Ann, string Bob, string ConversationId)> DirectAsync()
    {
        var (ann, bob) = (Unique("ann"), Unique("bob"));
        await Server.TokenAsync(bob);
        await using var annClient = await Server.ConnectAsync(ann);
        var conversation = (await annClient.InvokeAsync<ConversationRefWire>("openDirect", bob)).ConversationId;
        return (ann, bob, conversation);
    }

    private async Task<HttpResponseMessage> UploadAsync(string memberId, string conversationId, byte[] bytes, string contentType, string name)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", name);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/conversations/{Uri.EscapeDataString(conversationId)}/files") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await Server.TokenAsync(memberId));
        return await Server.Http.SendAsync(request, Cancellation);
    }

    private async Task<HttpResponseMessage> GetAsync(string memberId, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await Server.TokenAsync(memberId));
        return await Server.Http.SendAsync(request, Cancellation);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>(Cancellation);
        Assert.Equal(code, (string)problem!["code"]!);
    }
}
