using System.Buffers;
using Microsoft.AspNetCore.Connections;

namespace Im.Edge.Hosting;

/// <summary>
/// Kestrel asks this factory (through <see cref="IMemoryPoolFactory{T}"/>) for the pools of its
/// transports, and the edge's memory trim asks it to trim them all.
/// </summary>
internal sealed class TrimmableMemoryPoolFactory : IMemoryPoolFactory<byte>
{
    private readonly Lock _lock = new();
    private readonly List<TrimmableMemoryPool> _pools = [];

    public MemoryPool<byte> Create(MemoryPoolOptions? options = null)
    {
        var pool = new TrimmableMemoryPool();
        lock (_lock)
        {
            _pools.Add(pool);
        }

        return pool;
    }

    /// <summary>Trims every live pool and forgets the disposed ones; returns how many blocks went to the collector.</summary>
    public int Trim()
    {
        lock (_lock)
        {
            _pools.RemoveAll(pool => pool.IsDisposed);
            return _pools.Sum(pool => pool.Trim());
        }
    }

    /// <summary>Free blocks across the pools.</summary>
    public int FreeBlocks
    {
        get
        {
            lock (_lock)
            {
                return _pools.Sum(pool => pool.FreeBlocks);
            }
        }
    }
}
