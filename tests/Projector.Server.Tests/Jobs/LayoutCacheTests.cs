using Projector.Core.Projections;
using Projector.Server.Jobs;

namespace Projector.Server.Tests.Jobs;

public sealed class LayoutCacheTests
{
    [Fact]
    public void Cache_keeps_the_newest_layouts_and_drops_the_oldest()
    {
        var cache = new LayoutCache();
        for (var i = 0; i <= LayoutCache.MaxLayouts; i++)
        {
            cache.Set($"k{i}", new FinalLayout(new ProjectionFrame([i, i], 1, 2, i, i, null, "done"), null));
        }

        Assert.Equal(LayoutCache.MaxLayouts, cache.Count);
        Assert.False(cache.TryGet("k0", out _));
        Assert.True(cache.TryGet($"k{LayoutCache.MaxLayouts}", out var newest));
        Assert.Equal(LayoutCache.MaxLayouts, newest.Frame.Iteration);

        cache.Set("k1", new FinalLayout(new ProjectionFrame([7, 7], 1, 2, 99, 99, null, "done"), null));
        Assert.True(cache.TryGet("k1", out var replaced));
        Assert.Equal(99, replaced.Frame.Iteration);
        Assert.Equal(LayoutCache.MaxLayouts, cache.Count);
    }
}
