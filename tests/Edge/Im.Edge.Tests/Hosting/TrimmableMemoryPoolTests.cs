using Im.Edge.Hosting;

namespace Im.Edge.Tests.Hosting;

public sealed class TrimmableMemoryPoolTests
{
    [Fact]
    public void AReturnedBlockIsRentedAgain()
    {
        using var pool = new TrimmableMemoryPool();
        var first = pool.Rent();
        first.Memory.Span[0] = 42;
        first.Dispose();
        Assert.Equal(1, pool.FreeBlocks);

        using var second = pool.Rent(TrimmableMemoryPool.BlockSize);
        Assert.Equal(0, pool.FreeBlocks);
        Assert.Equal(42, second.Memory.Span[0]);
        Assert.Equal(TrimmableMemoryPool.BlockSize, second.Memory.Length);
    }

    [Fact]
    public void ABlockDisposedTwiceIsHandedOutOnce()
    {
        using var pool = new TrimmableMemoryPool();
        var block = pool.Rent();
        block.Dispose();
        block.Dispose();

        Assert.Equal(1, pool.FreeBlocks);
        using var first = pool.Rent();
        using var second = pool.Rent();
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void TrimKeepsOnlyTheFloorOfFreeBlocks()
    {
        using var pool = new TrimmableMemoryPool();
        var blocks = Enumerable.Range(0, TrimmableMemoryPool.KeptAfterTrim + 100).Select(_ => pool.Rent()).ToList();
        blocks.ForEach(block => block.Dispose());

        Assert.Equal(100, pool.Trim());
        Assert.Equal(TrimmableMemoryPool.KeptAfterTrim, pool.FreeBlocks);
        Assert.Equal(0, pool.Trim());
    }

    [Fact]
    public void ARequestLargerThanABlockIsRefused()
    {
        using var pool = new TrimmableMemoryPool();
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(TrimmableMemoryPool.BlockSize + 1));
    }

    [Fact]
    public void ADisposedPoolKeepsNothingAndRentsNothing()
    {
        var pool = new TrimmableMemoryPool();
        var block = pool.Rent();
        pool.Dispose();

        block.Dispose();   // a connection still finishing returns its block after the transport stopped
        Assert.Equal(0, pool.FreeBlocks);
        Assert.Throws<ObjectDisposedException>(() => pool.Rent());
    }

    [Fact]
    public void TheFactoryTrimsLivePoolsAndForgetsDisposedOnes()
    {
        var factory = new TrimmableMemoryPoolFactory();
        var live = factory.Create();
        var gone = factory.Create();
        Enumerable.Range(0, TrimmableMemoryPool.KeptAfterTrim + 10).Select(_ => live.Rent()).ToList().ForEach(block => block.Dispose());
        gone.Dispose();

        Assert.Equal(10, factory.Trim());
        Assert.Equal(TrimmableMemoryPool.KeptAfterTrim, factory.FreeBlocks);
        live.Dispose();
    }
}
