using System.Globalization;
using System.Text;

namespace Im.Bench.Chat;

/// <summary>
/// Word lists and message texts for the content-review scenario: half Latin, half Chinese
/// words, none of them found in the message texts except the mask word put into one
/// message in <see cref="MaskedEvery"/>. Deterministic, so every run reviews the same texts.
/// </summary>
public static class ReviewWords
{
    public const int MaskedEvery = 20;
    public const string ListName = "bench";

    private const string Consonants = "bcdfghjklmnpqrstvwxz";

    private static readonly string[] Templates =
    [
        "今天下午三点在二号会议室讨论项目进度，请大家准时参加。The quick brown fox jumps over the lazy dog, see you there.",
        "Reminder: the quarterly report is due on Friday. 请把材料发到共享目录，谢谢！Questions go to the team channel, as usual.",
        "午饭吃什么？楼下新开了一家面馆，听说味道不错。Shall we try it at noon today, or wait until the queue is shorter?",
        "The build is green again after the fix to the cache layer. 明天上线之前再跑一遍回归测试，辛苦各位了，晚上见。",
    ];

    /// <summary>Words that refuse a send; no message of the bench contains one.</summary>
    public static IReadOnlyList<string> Block { get; } = Words(1, 1000);

    /// <summary>Words stored masked; one message in <see cref="MaskedEvery"/> contains one.</summary>
    public static IReadOnlyList<string> Mask { get; } = Words(2, 1000);

    /// <summary>Writes the lists as <c>bench.block.txt</c> and <c>bench.mask.txt</c> into <paramref name="directory"/>.</summary>
    public static void Write(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllLines(Path.Combine(directory, $"{ListName}.block.txt"), ["# im-bench: blocked words", .. Block], Encoding.UTF8);
        File.WriteAllLines(Path.Combine(directory, $"{ListName}.mask.txt"), ["# im-bench: masked words", .. Mask], Encoding.UTF8);
    }

    /// <summary>The <paramref name="counter"/>-th message of sender <paramref name="sender"/>: about 100 characters, masked once in <see cref="MaskedEvery"/>.</summary>
    public static string Text(int sender, long counter)
    {
        var text = Templates[(int)((sender + counter) % Templates.Length)];
        return counter % MaskedEvery == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{text} {Mask[(int)((sender + counter) % Mask.Count)]}")
            : text;
    }

    private static string[] Words(int seed, int count)
    {
        var random = new Random(seed);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (words.Count < count)
        {
            var word = words.Count % 2 == 0 ? Latin(random) : Chinese(random);
            if (!Templates.Any(t => t.Contains(word, StringComparison.OrdinalIgnoreCase)))
            {
                words.Add(word);
            }
        }

        return [.. words];
    }

    // Consonants only: no English word of the templates can contain one.
    private static string Latin(Random random) =>
        string.Create(6, random, (chars, r) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Consonants[r.Next(Consonants.Length)];
            }
        });

    // Two CJK unified ideographs; a pair that occurs in a template is drawn again.
    private static string Chinese(Random random) =>
        string.Create(2, random, (chars, r) =>
        {
            chars[0] = (char)r.Next(0x4E00, 0x9FA6);
            chars[1] = (char)r.Next(0x4E00, 0x9FA6);
        });
}
