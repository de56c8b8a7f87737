using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Im.Edge.Tests.Chat;

/// <summary>
/// Proves the contract for non-.NET apps: the official @microsoft/signalr client, run by
/// node, chats through a real server (tests/Edge/js/chat-e2e.mjs).
/// </summary>
public sealed class JavaScriptClientTests(ChatServer server) : IClassFixture<ChatServer>
{
    [Fact]
    public async Task TheOfficialJavaScriptClientChatsThroughTheHub()
    {
        var scriptDirectory = FindScriptDirectory();
        if (!File.Exists(Path.Combine(scriptDirectory, "node_modules", "@microsoft", "signalr", "package.json")))
        {
            var missing = $"@microsoft/signalr is not installed: run `npm ci` in {scriptDirectory} (.ci/run does).";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail(missing);
            }

            Assert.Skip(missing);
        }

        var (ann, bob) = ($"js-ann-{Guid.NewGuid():N}"[..16], $"js-bob-{Guid.NewGuid():N}"[..16]);
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = scriptDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "chat-e2e.mjs", server.BaseAddress.ToString().TrimEnd('/'), ann, await server.TokenAsync(ann), bob, await server.TokenAsync(bob) })
        {
            start.ArgumentList.Add(argument);
        }

        using var node = Process.Start(start)!;
        var output = await node.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = await node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await node.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        var result = JsonNode.Parse(output.Trim().Split('\n').Last());
        Assert.True((bool?)result?["ok"] == true, $"node said: {output} {errors}");
        Assert.Equal(0, node.ExitCode);
        Assert.StartsWith("d:", (string?)result?["conversationId"], StringComparison.Ordinal);
    }

    private static string FindScriptDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "Edge", "js");
            if (File.Exists(Path.Combine(candidate, "chat-e2e.mjs")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/Edge/js not found above " + AppContext.BaseDirectory);
    }
}
