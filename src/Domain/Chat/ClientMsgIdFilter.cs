namespace Im.Domain.Chat;

/// <summary>
/// The clientMsgIds a conversation has stored, as a Bloom filter: "no" is certain, so a
/// send with a new id skips the history lookup that tells it from a retry; "maybe" (a retry,
/// or about 1 in 100 new ids at the expected count) is asked of history as before. Ids past
/// the expected count only make "maybe" likelier, never wrong, and <see cref="IsFull"/> tells
/// the owner to read a larger one. About 1.25 bytes per id.
/// </summary>
internal sealed class ClientMsgIdFilter
{
    private const int BitsPerId = 10;
    private const int Probes = 7;
    private const int MinimumBits = 8 * 1024;

    private readonly ulong[] _words;
    private readonly ulong _bits;
    private readonly int _expectedIds;
    private int _added;

    public ClientMsgIdFilter(int expectedIds)
    {
        _expectedIds = expectedIds;
        var bits = Math.Max(MinimumBits, (long)Math.Max(0, expectedIds) * BitsPerId);
        _words = new ulong[(bits + 63) / 64];
        _bits = (ulong)_words.Length * 64;
    }

    /// <summary>True once it holds the ids it was sized for: from here "maybe" grows likelier with each id.</summary>
    public bool IsFull => _added >= _expectedIds;

    public void Add(string clientMsgId)
    {
        _added++;
        var (first, step) = Hash(clientMsgId);
        for (var probe = 0UL; probe < Probes; probe++)
        {
            var bit = (first + (probe * step)) % _bits;
            _words[bit / 64] |= 1UL << (int)(bit % 64);
        }
    }

    public bool MayContain(string clientMsgId)
    {
        var (first, step) = Hash(clientMsgId);
        for (var probe = 0UL; probe < Probes; probe++)
        {
            var bit = (first + (probe * step)) % _bits;
            if ((_words[bit / 64] & (1UL << (int)(bit % 64))) == 0)
            {
                return false;
            }
        }

        return true;
    }

    // Double hashing over one 64-bit FNV-1a of the id's UTF-16 units, the step mixed from it
    // (SplitMix64's finalizer) and odd. In memory only: any hash stable for the process does.
    private static (ulong First, ulong Step) Hash(string clientMsgId)
    {
        var hash = 14695981039346656037UL;
        foreach (var unit in clientMsgId)
        {
            hash = (hash ^ unit) * 1099511628211UL;
        }

        var step = hash;
        step = (step ^ (step >> 30)) * 0xBF58476D1CE4E5B9UL;
        step = (step ^ (step >> 27)) * 0x94D049BB133111EBUL;
        step ^= step >> 31;
        return (hash, step | 1);
    }
}
