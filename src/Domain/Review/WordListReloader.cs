using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Im.Domain.Review;

/// <summary>
/// Loads the word list directory into the <see cref="WordListReviewer"/> at start and again
/// on every change the file watcher reports or an administrator asks for.
/// </summary>
/// <remarks>
/// Reloads run one at a time. A directory that fails to load (a misnamed or non-UTF-8 file)
/// leaves the previous lists in force and logs an error, so a bad edit never switches
/// review off; at start-up the same failure stops the host instead, as there is nothing
/// previous to keep. Editors that write in place can trigger a reload of a half-written
/// file; the write's own change event reloads again, so the final content wins.
/// </remarks>
public sealed partial class WordListReloader : IHostedService, IDisposable
{
    private readonly WordListReviewer _reviewer;
    private readonly ReviewOptions _options;
    private readonly ILogger<WordListReloader> _logger;
    private readonly Lock _gate = new();
    private FileSystemWatcher? _watcher;

    public WordListReloader(WordListReviewer reviewer, IOptions<ReviewOptions> options, ILogger<WordListReloader> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _reviewer = reviewer;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Raised after every reload, successful or not (tests and operators await it).</summary>
    public event EventHandler<WordListReload>? Reloaded;

    public string Directory => _options.WordListDirectory ?? throw new InvalidOperationException($"{ReviewOptions.SectionName}:WordListDirectory is not set");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var first = Reload();
        if (!first.Succeeded)
        {
            throw new InvalidOperationException($"word lists in '{Directory}' cannot be loaded: {first.Error}");
        }

        if (_options.WatchDirectory)
        {
            _watcher = new FileSystemWatcher(Directory, "*" + WordListFiles.Extension)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            _watcher.Changed += OnDirectoryChanged;
            _watcher.Created += OnDirectoryChanged;
            _watcher.Deleted += OnDirectoryChanged;
            _watcher.Renamed += OnDirectoryChanged;
            _watcher.EnableRaisingEvents = true;
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_watcher is not null)
        {
            _watcher.EnableRaisingEvents = false;
        }

        return Task.CompletedTask;
    }

    /// <summary>Reads the directory and swaps the lists in; on failure keeps the lists in force.</summary>
    public WordListReload Reload()
    {
        WordListReload outcome;
        lock (_gate)
        {
            try
            {
                var lists = WordListFiles.Load(Directory);
                _reviewer.Replace(lists);
                LogLoaded(_logger, lists.Count, lists.Sum(l => l.Words.Count), Directory);
                outcome = new WordListReload(true, lists, null);
            }
            catch (Exception error) when (error is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                LogRefused(_logger, error, Directory);
                outcome = new WordListReload(false, _reviewer.Lists, error.Message);
            }
        }

        Reloaded?.Invoke(this, outcome);
        return outcome;
    }

    public void Dispose() => _watcher?.Dispose();

    private void OnDirectoryChanged(object sender, FileSystemEventArgs e) => Reload();

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Lists} word lists ({Words} words) from {Directory}")]
    private static partial void LogLoaded(ILogger logger, int lists, int words, string directory);

    [LoggerMessage(Level = LogLevel.Error, Message = "Word lists in {Directory} were refused; the previous lists stay in force")]
    private static partial void LogRefused(ILogger logger, Exception error, string directory);
}
