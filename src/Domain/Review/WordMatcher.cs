namespace Im.Domain.Review;

/// <summary>
/// An Aho–Corasick automaton over UTF-16 chars for a fixed set of word lists: one pass over
/// the text finds every occurrence of every word, however many words there are. Immutable
/// once built, so any number of threads scan it at once.
/// </summary>
/// <remarks>
/// Chars are folded with <see cref="char.ToLowerInvariant"/> on both sides, which makes
/// Latin letters case-insensitive and leaves CJK text as it is; folding char by char keeps
/// match positions equal to positions in the original text, which masking relies on.
/// </remarks>
internal sealed class WordMatcher
{
    private const int Root = 0;
    private const int None = -1;

    private readonly List<Dictionary<char, int>> _next = [[]];
    private readonly List<List<(int ListIndex, string Word, int Length)>> _ends = [[]];
    private int[] _fail = [Root];

    // The nearest node on the fail chain (itself excluded) where some word ends: following
    // these links visits exactly the words that end at a position, no other nodes.
    private int[] _output = [None];

    public WordMatcher(IReadOnlyList<WordList> lists)
    {
        ArgumentNullException.ThrowIfNull(lists);
        Lists = lists;
        for (var listIndex = 0; listIndex < lists.Count; listIndex++)
        {
            foreach (var word in lists[listIndex].Words)
            {
                Add(listIndex, word);
            }
        }

        Link();
    }

    public static WordMatcher Empty { get; } = new([]);

    public IReadOnlyList<WordList> Lists { get; }

    /// <summary>Every occurrence, overlapping ones included, in order of where they end.</summary>
    public List<WordMatch> FindAll(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var matches = new List<WordMatch>();
        var state = Root;
        for (var i = 0; i < text.Length; i++)
        {
            var c = char.ToLowerInvariant(text[i]);
            int next;
            while (!_next[state].TryGetValue(c, out next) && state != Root)
            {
                state = _fail[state];
            }

            state = _next[state].TryGetValue(c, out next) ? next : Root;
            for (var node = _ends[state].Count > 0 ? state : _output[state]; node != None; node = _output[node])
            {
                foreach (var (listIndex, word, length) in _ends[node])
                {
                    matches.Add(new WordMatch(i - length + 1, length, listIndex, word));
                }
            }
        }

        return matches;
    }

    private void Add(int listIndex, string word)
    {
        var trimmed = word.Trim();
        if (trimmed.Length == 0)
        {
            return;
        }

        var node = Root;
        foreach (var raw in trimmed)
        {
            var c = char.ToLowerInvariant(raw);
            if (!_next[node].TryGetValue(c, out var child))
            {
                child = _next.Count;
                _next.Add([]);
                _ends.Add([]);
                _next[node][c] = child;
            }

            node = child;
        }

        _ends[node].Add((listIndex, trimmed, trimmed.Length));
    }

    // Breadth first, so a node's fail target (always shallower) is linked before the node.
    private void Link()
    {
        _fail = new int[_next.Count];
        _output = new int[_next.Count];
        Array.Fill(_output, None);
        var queue = new Queue<int>();
        foreach (var child in _next[Root].Values)
        {
            queue.Enqueue(child);
        }

        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var (c, child) in _next[node])
            {
                var fail = _fail[node];
                int target;
                while (!_next[fail].TryGetValue(c, out target) && fail != Root)
                {
                    fail = _fail[fail];
                }

                _fail[child] = _next[fail].TryGetValue(c, out target) ? target : Root;
                var via = _fail[child];
                _output[child] = _ends[via].Count > 0 ? via : _output[via];
                queue.Enqueue(child);
            }
        }
    }
}
