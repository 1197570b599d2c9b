using Projector.Server.Jobs;

namespace Projector.Server.Tests.Jobs;

public sealed class SizedLruTests
{
    private static SizedLru<byte[]> Lru(long budget) => new(budget, b => b.Length);

    [Fact]
    public void A_kept_value_is_found_under_its_key_only()
    {
        var lru = Lru(100);
        var value = new byte[10];
        Assert.True(lru.Keep("a", value));
        Assert.Same(value, lru.Find("a"));
        Assert.Null(lru.Find("b"));
        Assert.Equal(10, lru.Bytes);
    }

    [Fact]
    public void Past_the_budget_the_least_recently_used_go_first()
    {
        var lru = Lru(100);
        lru.Keep("a", new byte[40]);
        lru.Keep("b", new byte[40]);
        // Finding "a" makes "b" the oldest use.
        Assert.NotNull(lru.Find("a"));
        lru.Keep("c", new byte[40]);
        Assert.Null(lru.Find("b"));
        Assert.NotNull(lru.Find("a"));
        Assert.NotNull(lru.Find("c"));
        Assert.Equal(80, lru.Bytes);
        Assert.Equal(2, lru.Count);
    }

    [Fact]
    public void A_value_larger_than_the_budget_is_not_kept_and_replacing_a_key_counts_its_bytes_once()
    {
        var lru = Lru(100);
        lru.Keep("a", new byte[30]);
        Assert.False(lru.Keep("huge", new byte[101]));
        Assert.Null(lru.Find("huge"));
        Assert.NotNull(lru.Find("a"));
        lru.Keep("a", new byte[50]);
        Assert.Equal(50, lru.Bytes);
        Assert.Equal(1, lru.Count);
    }
}
