using System.Text;

namespace Im.Domain.Review;

/// <summary>
/// Reads a directory of word list files: <c>&lt;name&gt;.&lt;block|mask&gt;.txt</c>, UTF-8, one
/// word per line, blank lines and lines starting with <c>#</c> ignored.
/// </summary>
public static class WordListFiles
{
    public const string Extension = ".txt";

    // Invalid UTF-8 is an error, not replacement chars: a list saved in another encoding
    // would otherwise load as words that never match, silently.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Every list of the directory, by name; an absent directory has none.</summary>
    /// <exception cref="InvalidDataException">A file is misnamed or not UTF-8; nothing is returned.</exception>
    public static IReadOnlyList<WordList> Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var lists = new List<WordList>();
        foreach (var path in Directory.EnumerateFiles(directory, "*" + Extension).Order(StringComparer.Ordinal))
        {
            lists.Add(Read(path));
        }

        return lists;
    }

    private static WordList Read(string path)
    {
        var fileName = Path.GetFileName(path);
        var stem = fileName[..^Extension.Length];
        var dot = stem.LastIndexOf('.');
        var policy = dot > 0 ? stem[(dot + 1)..].ToLowerInvariant() switch
        {
            "block" => ReviewPolicy.Block,
            "mask" => ReviewPolicy.Mask,
            _ => (ReviewPolicy?)null,
        } : null;
        if (policy is null)
        {
            throw new InvalidDataException($"word list '{fileName}' must be named <name>.block.txt or <name>.mask.txt");
        }

        string text;
        try
        {
            text = File.ReadAllText(path, StrictUtf8);
        }
        catch (DecoderFallbackException error)
        {
            throw new InvalidDataException($"word list '{fileName}' is not UTF-8", error);
        }

        var words = text.Split('\n')
            .Select(line => line.Trim().TrimStart('\uFEFF'))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new WordList(stem[..dot], policy.Value, words);
    }
}
