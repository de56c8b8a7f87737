using System.Diagnostics;
using System.Text.RegularExpressions;
using Im.Edge.Hall;
using Im.Edge.Tests.Chat;
using Im.Testing.Browser;
using Microsoft.Extensions.DependencyInjection;

namespace Im.Edge.Tests.Hall;

/// <summary>The hall display page: served with strict headers, and live in a real (headless) browser.</summary>
public sealed partial class HallDisplayPageTests(ChatServer server) : IClassFixture<ChatServer>
{
    /// <summary>Where the browser test leaves its screenshot, under the test output directory.</summary>
    public static readonly string ScreenshotPath = Path.Combine(AppContext.BaseDirectory, "artifacts", "hall-display.png");

    // Resolves when the page's DOM satisfies a condition; a page-side ceiling rejects it rather than hang.
    private const string WaitForScript = """
        window.__waitFor = (condition, ms) => new Promise((resolve, reject) => {
          if (condition()) { resolve(performance.now()); return; }
          const observer = new MutationObserver(() => {
            if (condition()) { observer.disconnect(); resolve(performance.now()); }
          });
          observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
          setTimeout(() => { observer.disconnect(); reject(new Error('condition not met in ' + ms + ' ms')); }, ms);
        });
        """;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly HallApi _api = new(server);

    [Fact]
    public async Task TheDisplayPageIsServedWithoutATokenWithStrictHeadersAndNoInlineCode()
    {
        var page = await _api.GetAsync(null, "/hall/any-hall/display");
        page.EnsureStatus(200);
        Assert.StartsWith("text/html", page.ContentType, StringComparison.Ordinal);
        var policy = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(InlineScript().IsMatch(page.Text), "the page holds an inline script");
        Assert.DoesNotContain(" style=", page.Text, StringComparison.Ordinal);

        foreach (var asset in new[] { "/lib/signalr/signalr.min.js", "/hall/display.js", "/hall/display.css", "/lib/signalr/LICENSE.txt" })
        {
            var file = (await _api.GetAsync(null, asset)).EnsureStatus(200);
            Assert.Equal("nosniff", file.Headers.GetValues("X-Content-Type-Options").Single());
        }

        Assert.Equal(404, (int)(await _api.GetAsync(null, "/hall/bad%2Fid/display")).Status);
    }

    [Fact]
    public async Task TheDisplayPageShowsACallWithinOneSecondOfTheRestAnswerAndStillAfterItsConnectionIsDropped()
    {
        var chromium = ChromiumBrowser.FindExecutable();
        if (chromium is null)
        {
            var missing = $"Chromium is not installed (apt-get install chromium, or set {ChromiumBrowser.ExecutableVariable}); .ci/run installs it.";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail(missing);
            }

            Assert.Skip(missing);
        }

        var admin = await server.TokenAsync(HallApi.NewId("adm"), "admin");
        var staffId = HallApi.NewId("staff");
        var staff = await server.TokenAsync(staffId);
        var hallId = await _api.CreateHallAsync(admin, staffId);
        var (screenId, screenToken) = await _api.AddScreenAsync(admin, hallId);
        (await _api.PostAsync(staff, $"/api/halls/{hallId}/tickets", new { queueId = "A" })).EnsureStatus(201);
        (await _api.PostAsync(staff, $"/api/halls/{hallId}/tickets", new { queueId = "A" })).EnsureStatus(201);

        await using var browser = await ChromiumBrowser.LaunchAsync(chromium, Cancel);
        await using var page = await browser.NewPageAsync(Cancel);
        await page.SetViewportAsync(1920, 1080, Cancel);
        await page.NavigateAsync(new Uri(server.BaseAddress, $"/hall/{hallId}/display#token={screenToken}"), Cancel);
        await page.EvaluateAsync(WaitForScript, cancellationToken: Cancel);
        await page.EvaluateAsync("window.__waitFor(() => document.body.dataset.state === 'connected', 15000)", awaitPromise: true, Cancel);
        Assert.Equal("职工服务大厅", (string?)await page.EvaluateAsync("document.getElementById('hall-name').textContent", cancellationToken: Cancel));
        Assert.Equal("2 人", (string?)await page.EvaluateAsync("document.querySelector('[data-queue-id=\"A\"] .queue-waiting').textContent", cancellationToken: Cancel));

        // Watching starts before the call, so the change cannot slip by unseen.
        await page.EvaluateAsync(
            "window.__shown = window.__waitFor(() => document.querySelector('[data-window-id=\"w1\"] .window-ticket')?.textContent === 'A001', 10000)",
            cancellationToken: Cancel);
        (await _api.PostAsync(staff, $"/api/halls/{hallId}/windows/w1/call-next")).EnsureStatus(200);
        var sinceAnswer = Stopwatch.StartNew();
        var timing = await page.EvaluateAsync("window.__shown.then(shownAt => ({ shownAt, now: performance.now() }))", awaitPromise: true, Cancel);
        sinceAnswer.Stop();

        // The stopwatch runs from the REST answer until the test hears of the DOM change, so
        // it also counts the DevTools round trip: an upper bound of what a person would see.
        var lag = Math.Max(0, sinceAnswer.Elapsed.TotalMilliseconds - ((double)timing!["now"]! - (double)timing["shownAt"]!));
        TestContext.Current.SendDiagnosticMessage($"hall display: A001 shown at w1 at most {sinceAnswer.Elapsed.TotalMilliseconds:0} ms after the REST answer (DOM change {lag:0} ms after it)");
        Assert.True(sinceAnswer.Elapsed < TimeSpan.FromSeconds(1), $"the call took {sinceAnswer.Elapsed.TotalMilliseconds:0} ms to show");
        Assert.Equal("A001", (string?)await page.EvaluateAsync("document.getElementById('latest-ticket').textContent", cancellationToken: Cancel));
        Assert.Equal("1号窗口", (string?)await page.EvaluateAsync("document.getElementById('latest-window').textContent", cancellationToken: Cancel));
        Assert.Equal("A001", (string?)await page.EvaluateAsync("document.querySelector('#recent li span').textContent", cancellationToken: Cancel));
        await page.EvaluateAsync("window.__waitFor(() => document.querySelector('[data-queue-id=\"A\"] .queue-waiting').textContent === '1 人', 5000)", awaitPromise: true, Cancel);

        // The server drops the connection: the page connects again by itself and subscribes
        // again, so the next call still reaches it (a connection that did not subscribe gets no events).
        await page.EvaluateAsync("window.__lost = window.__waitFor(() => document.body.dataset.state !== 'connected', 10000)", cancellationToken: Cancel);
        server.Services.GetRequiredService<ScreenConnections>().Disconnect(screenId);
        await page.EvaluateAsync("window.__lost", awaitPromise: true, Cancel);
        await page.EvaluateAsync("window.__waitFor(() => document.body.dataset.state === 'connected', 15000)", awaitPromise: true, Cancel);
        (await _api.PostAsync(staff, $"/api/halls/{hallId}/windows/w2/call-next")).EnsureStatus(200);
        await page.EvaluateAsync("window.__waitFor(() => document.querySelector('[data-window-id=\"w2\"] .window-ticket')?.textContent === 'A002', 5000)", awaitPromise: true, Cancel);

        Directory.CreateDirectory(Path.GetDirectoryName(ScreenshotPath)!);
        await File.WriteAllBytesAsync(ScreenshotPath, await page.CaptureScreenshotAsync(Cancel), Cancel);
        TestContext.Current.SendDiagnosticMessage($"hall display screenshot: {ScreenshotPath}");
        Assert.True(new FileInfo(ScreenshotPath).Length > 10_000, "the screenshot is suspiciously small");
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
