using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Im.Edge.Hosting;

/// <summary>
/// The memory pool Kestrel's sockets and pipes rent their buffers from: pinned 4 KB blocks,
/// as Kestrel's own pool, except that <see cref="Trim"/> lets the blocks it keeps for reuse go.
/// </summary>
/// <remarks>
/// Why: a connection storm has thousands of handshakes in flight at once, each holding a
/// block or two, and the pool keeps every block it ever handed out. Kestrel's pool evicts
/// them slowly (about 1 % every 10 s while idle connections still ping), so after 10,000
/// connections opened, about 2 KB per connection of free blocks stayed resident. The edge's
/// post-burst trim (<see cref="MemoryTrimService"/>) empties this pool down to
/// <see cref="KeptAfterTrim"/> blocks before it collects, and the collector returns the
/// blocks' memory. Under load nothing is trimmed: the trim only runs once the edge is quiet.
/// </remarks>
internal sealed class TrimmableMemoryPool : MemoryPool<byte>
{
    /// <summary>Kestrel's block size: its transports rent at most this much at a time.</summary>
    public const int BlockSize = 4096;

    /// <summary>Free blocks a trim keeps, enough for an edge's idle traffic (pings) without allocating.</summary>
    public const int KeptAfterTrim = 256;

    private readonly ConcurrentQueue<Block> _free = new();
    private int _freeCount;
    private bool _disposed;

    public override int MaxBufferSize => BlockSize;

    /// <summary>Blocks waiting for reuse.</summary>
    public int FreeBlocks => Volatile.Read(ref _freeCount);

    /// <summary>Whether the transport that made this pool has let it go.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed);

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (_free.TryDequeue(out var block))
        {
            Interlocked.Decrement(ref _freeCount);
        }
        else
        {
            block = new Block(this, GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true));
        }

        block.MarkRented();
        return block;
    }

    /// <summary>Lets free blocks beyond <see cref="KeptAfterTrim"/> go to the collector; returns how many.</summary>
    public int Trim()
    {
        var released = 0;
        while (Volatile.Read(ref _freeCount) > KeptAfterTrim && _free.TryDequeue(out _))
        {
            Interlocked.Decrement(ref _freeCount);
            released++;
        }

        return released;
    }

    protected override void Dispose(bool disposing)
    {
        Volatile.Write(ref _disposed, true);
        while (_free.TryDequeue(out _))
        {
        }

        _freeCount = 0;
    }

    private void Return(Block block)
    {
        if (Volatile.Read(ref _disposed))
        {
            return;
        }

        _free.Enqueue(block);
        Interlocked.Increment(ref _freeCount);
    }

    /// <summary>One block, handed out again and again: renting allocates nothing once the pool is warm.</summary>
    private sealed class Block(TrimmableMemoryPool pool, byte[] array) : IMemoryOwner<byte>
    {
        private int _rented;

        // Pre-pinned: the sockets pin the memory for every I/O, and this makes that free.
        public Memory<byte> Memory { get; } = MemoryMarshal.CreateFromPinnedArray(array, 0, array.Length);

        public void MarkRented() => Volatile.Write(ref _rented, 1);

        // A second dispose must not queue the block twice: two renters would share its bytes.
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _rented, 0) == 1)
            {
                pool.Return(this);
            }
        }
    }
}
