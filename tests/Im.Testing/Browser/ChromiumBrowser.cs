using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Im.Testing.Browser;

/// <summary>
/// A headless Chromium for tests, driven over the Chrome DevTools Protocol: launched with a
/// fresh profile and a DevTools port it picks itself (read from its <c>DevToolsActivePort</c>
/// file), closed and its profile deleted on dispose.
/// </summary>
public sealed class ChromiumBrowser : IAsyncDisposable
{
    /// <summary>Names an executable to use instead of looking on the PATH.</summary>
    public const string ExecutableVariable = "IM_TEST_CHROMIUM";

    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    private readonly Process _process;
    private readonly string _profile;
    private readonly CdpConnection _browser;
    private readonly int _port;

    private ChromiumBrowser(Process process, string profile, CdpConnection browser, int port)
    {
        _process = process;
        _profile = profile;
        _browser = browser;
        _port = port;
    }

    /// <summary>The Chromium to run: <see cref="ExecutableVariable"/>, else the first of chromium, chromium-browser, google-chrome on the PATH; null when there is none.</summary>
    public static string? FindExecutable()
    {
        if (Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }

        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return Names.SelectMany(name => directories.Select(directory => Path.Combine(directory, name))).FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// Starts <paramref name="executable"/> headless. <c>--no-sandbox</c> is there because CI
    /// runs as root, where Chromium's sandbox refuses to start.
    /// </summary>
    public static async Task<ChromiumBrowser> LaunchAsync(string executable, CancellationToken cancellationToken = default)
    {
        var profile = Directory.CreateTempSubdirectory("im-chromium-").FullName;
        var portFile = Path.Combine(profile, "DevToolsActivePort");
        using var watcher = new FileSystemWatcher(profile) { EnableRaisingEvents = true };
        var ready = new TaskCompletionSource<(int Port, string Path)>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(object? sender, EventArgs e)
        {
            if (TryReadPortFile(portFile) is { } found)
            {
                ready.TrySetResult(found);
            }
        }

        watcher.Created += Check;
        watcher.Changed += Check;
        watcher.Renamed += Check;

        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "--headless=new", "--remote-debugging-port=0", $"--user-data-dir={profile}", "--no-sandbox",
            "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
            "--disable-background-networking", "--window-size=1920,1080", "about:blank",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start");
        // Chromium logs a lot; unread pipes would fill and stall it.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Check(null, EventArgs.Empty);
        var exited = process.WaitForExitAsync(cancellationToken);
        try
        {
            if (await Task.WhenAny(ready.Task, exited).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false) != ready.Task)
            {
                throw new InvalidOperationException($"{executable} exited with {process.ExitCode} before opening its DevTools port");
            }

            var (port, path) = await ready.Task.ConfigureAwait(false);
            var browser = await CdpConnection.ConnectAsync(new Uri($"ws://127.0.0.1:{port}{path}"), cancellationToken).ConfigureAwait(false);
            return new ChromiumBrowser(process, profile, browser, port);
        }
        catch
        {
            Stop(process);
            process.Dispose();
            Directory.Delete(profile, recursive: true);
            throw;
        }
    }

    /// <summary>Opens a new tab on about:blank and connects to it.</summary>
    public async Task<CdpPage> NewPageAsync(CancellationToken cancellationToken = default)
    {
        var target = await _browser.SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, cancellationToken).ConfigureAwait(false);
        var page = await CdpConnection.ConnectAsync(new Uri($"ws://127.0.0.1:{_port}/devtools/page/{(string)target!["targetId"]!}"), cancellationToken).ConfigureAwait(false);
        return new CdpPage(page);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _browser.SendAsync("Browser.close").WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (Exception error) when (error is CdpException or TimeoutException)
        {
            Stop(_process);
        }

        await _browser.DisposeAsync().ConfigureAwait(false);
        _process.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // A crash reporter child may still hold a file; the temporary directory is cleaned by the OS.
        }
    }

    // The file holds the port on its first line and the browser's WebSocket path on its second;
    // it can be seen half-written, so anything short of both lines is "not yet".
    private static (int Port, string Path)? TryReadPortFile(string path)
    {
        try
        {
            var lines = File.ReadAllLines(path);
            return lines.Length >= 2 && int.TryParse(lines[0], out var port) && port > 0 && lines[1].StartsWith("/devtools/", StringComparison.Ordinal)
                ? (port, lines[1])
                : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }
}
