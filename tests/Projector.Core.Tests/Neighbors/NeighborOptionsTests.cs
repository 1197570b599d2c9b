using Projector.Core.Neighbors;

namespace Projector.Core.Tests.Neighbors;

public sealed class NeighborOptionsTests
{
    [Theory]
    [InlineData(5, 50_000)]
    [InlineData(15, 50_000)]
    [InlineData(90, 175_000)]
    [InlineData(150, 250_000)]
    public void Exact_search_stops_where_it_stops_being_cheaper(int k, int expected) =>
        Assert.InRange(NeighborOptions.ExactCutoff(k), expected * 0.99, expected * 1.01);

    [Fact]
    public void By_default_the_cost_decides_and_more_neighbours_keep_exact_search_longer()
    {
        var options = NeighborOptions.Default;
        Assert.True(options.SearchesExactly(20_000, 15));
        Assert.False(options.SearchesExactly(100_000, 15));
        Assert.True(options.SearchesExactly(100_000, 90));
        Assert.False(options.SearchesExactly(1_000_000, 90));
    }

    [Fact]
    public void A_size_limit_or_a_forced_choice_overrides_the_cost()
    {
        Assert.False(new NeighborOptions { ExactMaxPoints = 1000 }.SearchesExactly(1001, 90));
        Assert.True(new NeighborOptions { ExactMaxPoints = 1000 }.SearchesExactly(1000, 90));
        Assert.True(new NeighborOptions { Exact = true }.SearchesExactly(10_000_000, 15));
        Assert.False(new NeighborOptions { Exact = false, ExactMaxPoints = 1_000_000 }.SearchesExactly(10, 15));
    }

    [Fact]
    public void The_graph_of_a_search_chosen_by_cost_says_it_is_exact()
    {
        const int n = 600;
        using var data = Core.Data.EmbeddingMatrix.FromArray(NeighborTestData.Gaussian(n, 8, seed: 3), n, 8);
        var chosen = NeighborSearch.BuildGraph(data, 10, Metric.Euclidean, new NeighborOptions { ExactMaxPoints = n });
        var approximate = NeighborSearch.BuildGraph(data, 10, Metric.Euclidean, new NeighborOptions { ExactMaxPoints = n - 1, RecallSample = 0 });
        Assert.True(chosen.IsExact);
        Assert.False(approximate.IsExact);
    }
}
