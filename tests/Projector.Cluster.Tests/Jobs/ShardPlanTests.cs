using Projector.Cluster.Jobs;

namespace Projector.Cluster.Tests.Jobs;

public sealed class ShardPlanTests
{
    [Fact]
    public void Shards_cover_every_row_once_in_order()
    {
        var shards = ShardPlan.Cut(10_001, 2_500);
        Assert.Equal(5, shards.Count);
        Assert.Equal(Enumerable.Range(0, 10_001), shards.SelectMany(s => Enumerable.Range(s.Start, s.Count)));
        Assert.Equal(1, shards[^1].Count);
        Assert.Equal(Enumerable.Range(0, 5), shards.Select(s => s.Index));
    }

    [Fact]
    public void Every_shard_has_its_own_seed_derived_from_the_jobs()
    {
        var seeds = Enumerable.Range(0, 1000).Select(i => ShardPlan.SeedFor(42, i)).ToList();
        Assert.Equal(1000, seeds.Distinct().Count());
        Assert.All(seeds, s => Assert.True(s >= 0));
        Assert.Equal(seeds[5], ShardPlan.SeedFor(42, 5));
        Assert.NotEqual(seeds[5], ShardPlan.SeedFor(43, 5));
    }
}
