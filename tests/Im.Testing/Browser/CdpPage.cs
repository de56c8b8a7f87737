using System.Text.Json.Nodes;

namespace Im.Testing.Browser;

/// <summary>A browser tab driven over its DevTools connection: navigate, evaluate scripts, take screenshots.</summary>
public sealed class CdpPage(CdpConnection connection) : IAsyncDisposable
{
    /// <summary>Sizes the viewport (CSS pixels), like a screen of that resolution.</summary>
    public Task SetViewportAsync(int width, int height, CancellationToken cancellationToken = default) =>
        connection.SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject
        {
            ["width"] = width,
            ["height"] = height,
            ["deviceScaleFactor"] = 1,
            ["mobile"] = false,
        }, cancellationToken);

    /// <summary>Loads <paramref name="url"/> and returns once the page's load event fired.</summary>
    public async Task NavigateAsync(Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        await connection.SendAsync("Page.enable", cancellationToken: cancellationToken).ConfigureAwait(false);
        var loads = connection.Events("Page.loadEventFired");
        while (loads.TryRead(out _))
        {
        }

        var navigated = await connection.SendAsync("Page.navigate", new JsonObject { ["url"] = url.ToString() }, cancellationToken).ConfigureAwait(false);
        if (navigated?["errorText"] is { } error)
        {
            throw new CdpException($"navigation to {url} failed: {error}");
        }

        await loads.ReadAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Evaluates <paramref name="expression"/> in the page and answers its value (JSON);
    /// with <paramref name="awaitPromise"/> a promise is awaited first. A thrown error throws <see cref="CdpException"/>.
    /// </summary>
    public async Task<JsonNode?> EvaluateAsync(string expression, bool awaitPromise = false, CancellationToken cancellationToken = default)
    {
        var result = await connection.SendAsync("Runtime.evaluate", new JsonObject
        {
            ["expression"] = expression,
            ["awaitPromise"] = awaitPromise,
            ["returnByValue"] = true,
        }, cancellationToken).ConfigureAwait(false);
        if (result?["exceptionDetails"] is { } exception)
        {
            throw new CdpException($"page script failed: {(string?)exception["exception"]?["description"] ?? (string?)exception["text"]}");
        }

        return result?["result"]?["value"]?.DeepClone();
    }

    /// <summary>A PNG of the viewport.</summary>
    public async Task<byte[]> CaptureScreenshotAsync(CancellationToken cancellationToken = default)
    {
        var result = await connection.SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" }, cancellationToken).ConfigureAwait(false);
        return Convert.FromBase64String((string)result!["data"]!);
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
