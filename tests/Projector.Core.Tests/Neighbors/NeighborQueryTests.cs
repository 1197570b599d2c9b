using Projector.Core.Data;
using Projector.Core.Neighbors;

namespace Projector.Core.Tests.Neighbors;

public sealed class NeighborQueryTests
{
    [Theory]
    [InlineData(Metric.Euclidean, 9)]
    [InlineData(Metric.Cosine, 33)]
    public void Query_returns_the_nearest_rows_with_true_distances(Metric metric, int d)
    {
        using var data = EmbeddingMatrix.FromArray(NeighborTestData.Gaussian(301, d, seed: 4), 301, d);
        var query = NeighborTestData.Gaussian(1, d, seed: 8);
        var found = NeighborSearch.Query(data, query, 7, metric);
        var naive = Enumerable.Range(0, data.Rows)
            .Select(j => (Index: j, Distance: NeighborTestData.Distance(query, data.Row(j), metric)))
            .OrderBy(p => p.Distance).ThenBy(p => p.Index).Take(7).ToArray();
        Assert.Equal(naive.Select(p => p.Index), found.Select(p => p.Index));
        Assert.All(found.Zip(naive), p => Assert.Equal(p.Second.Distance, p.First.Distance, 1e-4));
    }

    [Fact]
    public void QueryRow_skips_the_row_itself_and_agrees_with_the_graph()
    {
        using var data = NeighborTestData.Mixture(4000, 50, 4, 2, seed: 3);
        var graph = NeighborSearch.BuildGraph(data, 10, Metric.Euclidean);
        var found = NeighborSearch.QueryRow(data, 123, 10, Metric.Euclidean);
        Assert.Equal(graph.Indices(123).ToArray(), found.Select(p => p.Index));
        Assert.DoesNotContain(found, p => p.Index == 123);
    }

    [Fact]
    public void Query_with_k_above_N_returns_every_row()
    {
        using var data = EmbeddingMatrix.FromArray([0, 1, 3], 3, 1);
        var found = NeighborSearch.Query(data, [2f], 10, Metric.Euclidean);
        Assert.Equal([1, 2, 0], found.Select(p => p.Index));
        Assert.Equal([1f, 1f, 2f], found.Select(p => p.Distance));
    }

    [Theory]
    [InlineData(Metric.Cosine)]
    [InlineData(Metric.Euclidean)]
    public void A_points_neighbours_are_the_exact_graphs_bit_for_bit_on_one_thread_or_all(Metric metric)
    {
        // 21,000 x 50 is above the parallel-scan threshold, so the split scan is exercised too.
        using var data = NeighborTestData.Mixture(21_000, 50, 6, 3, seed: 5);
        var graph = NeighborSearch.BuildGraph(data, 12, metric, new NeighborOptions { Exact = true });
        foreach (var row in new[] { 0, 4321, 20_999 })
        {
            var one = NeighborSearch.QueryRow(data, row, 12, metric, threads: 1);
            var all = NeighborSearch.QueryRow(data, row, 12, metric, threads: null);
            Assert.Equal(one, all);
            Assert.Equal(graph.Indices(row).ToArray(), one.Select(n => n.Index));
            Assert.Equal(graph.Distances(row).ToArray(), one.Select(n => n.Distance));
        }
    }

    [Fact]
    public void A_cosine_query_allocates_nothing_the_size_of_the_data()
    {
        using var data = NeighborTestData.Mixture(50_000, 16, 4, 2, seed: 9);
        NeighborSearch.QueryRow(data, 1, 10, Metric.Cosine, threads: 1);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var found = NeighborSearch.QueryRow(data, 2, 10, Metric.Cosine, threads: 1);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(10, found.Length);
        Assert.True(allocated < 4096, $"{allocated} bytes allocated for one query over {data.Rows} rows");
    }

    [Fact]
    public void A_zero_row_is_at_cosine_distance_one_from_everything()
    {
        using var data = EmbeddingMatrix.FromArray([1, 0, 0, 0, 0, 1, 1, 1], 4, 2);
        var found = NeighborSearch.QueryRow(data, 0, 3, Metric.Cosine, threads: 1);
        Assert.Equal([3, 1, 2], found.Select(n => n.Index));
        Assert.Equal(1f, found.Single(n => n.Index == 1).Distance);
        Assert.All(NeighborSearch.QueryRow(data, 1, 3, Metric.Cosine, threads: 1), n => Assert.Equal(1f, n.Distance));
    }

    [Fact]
    public void Rows_with_a_nan_are_left_out_of_euclidean_neighbours()
    {
        using var data = EmbeddingMatrix.FromArray([0, 0, float.NaN, 0, 1, 1, 3, 3], 4, 2);
        var found = NeighborSearch.QueryRow(data, 0, 3, Metric.Euclidean, threads: 1);
        Assert.Equal([2, 3], found.Select(n => n.Index));
    }

    [Fact]
    public void A_cancelled_query_stops()
    {
        using var data = NeighborTestData.Mixture(10_000, 8, 2, 1, seed: 2);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => NeighborSearch.QueryRow(data, 0, 5, Metric.Euclidean, threads: 1, cancelled.Token));
    }
}
