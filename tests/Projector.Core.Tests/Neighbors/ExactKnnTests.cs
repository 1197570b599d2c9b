using Projector.Core.Data;
using Projector.Core.Neighbors;

namespace Projector.Core.Tests.Neighbors;

public sealed class ExactKnnTests
{
    public static TheoryData<int, int, int, Metric> Shapes()
    {
        var data = new TheoryData<int, int, int, Metric>();
        foreach (var metric in new[] { Metric.Euclidean, Metric.Cosine })
        {
            foreach (var d in new[] { 1, 7, 8, 9, 33 })
            {
                data.Add(37, d, 5, metric);
                data.Add(133, d, 16, metric);
            }

            data.Add(3, 4, 2, metric);
            data.Add(259, 50, 90, metric);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void BuildGraph_matches_a_naive_loop(int n, int d, int k, Metric metric)
    {
        using var data = EmbeddingMatrix.FromArray(NeighborTestData.Gaussian(n, d, seed: (n * 31) + d), n, d);
        var graph = NeighborSearch.BuildGraph(data, k, metric);
        AssertMatchesNaive(data, graph, k, metric);
    }

    [Theory]
    [InlineData(37, 7, Metric.Euclidean, 0)]
    [InlineData(133, 9, Metric.Cosine, 0)]
    [InlineData(37, 7, Metric.Euclidean, 256)]
    [InlineData(133, 9, Metric.Cosine, 256)]
    [InlineData(261, 33, Metric.Euclidean, 256)]
    public void Narrower_kernels_match_a_naive_loop(int n, int d, Metric metric, int width)
    {
        using var data = EmbeddingMatrix.FromArray(NeighborTestData.Gaussian(n, d, seed: 5), n, d);
        var graph = ExactKnn.Build(new PreparedRows(data, metric), 6, NeighborOptions.Default, null, default, maxWidth: width);
        AssertMatchesNaive(data, graph, 6, metric);
    }

    [Fact]
    public void Every_kernel_width_gives_the_same_bytes()
    {
        using var data = NeighborTestData.Mixture(517, 50, 5, 2, seed: 8);
        var rows = new PreparedRows(data, Metric.Euclidean);
        var wide = ExactKnn.Build(rows, 20, NeighborOptions.Default, null, default, maxWidth: 512);
        var narrow = ExactKnn.Build(rows, 20, NeighborOptions.Default, null, default, maxWidth: 256);
        Assert.Equal(wide.AllIndices, narrow.AllIndices);
        Assert.Equal(wide.AllDistances, narrow.AllDistances);
    }

    [Theory]
    [InlineData(517, 50, Metric.Euclidean, 1)]
    [InlineData(300, 17, Metric.Cosine, 2)]
    [InlineData(1100, 50, Metric.Euclidean, 2)]
    public void Half_the_pairs_offered_both_ways_give_the_bytes_of_every_pair(int n, int d, Metric metric, int threads)
    {
        // Given blocks of 128 rows in odd and even numbers, a partial last block, with clusters (ties in the worst key)
        using var data = NeighborTestData.Mixture(n, d, 5, 2, seed: n);
        var rows = new PreparedRows(data, metric);
        var options = NeighborOptions.Default with { Threads = threads };

        // When searched over half the pairs and over all of them
        var half = ExactKnn.Build(rows, 20, options, null, default, maxWidth: 512, symmetric: true);
        var all = ExactKnn.Build(rows, 20, options, null, default, maxWidth: 512, symmetric: false);

        // Then the graphs are equal (the full product is checked against a naive loop above)
        Assert.Equal(all.AllIndices, half.AllIndices);
        Assert.Equal(all.AllDistances, half.AllDistances);
    }

    [Fact]
    public void Duplicate_rows_are_at_distance_zero_and_ties_go_to_the_lower_index()
    {
        // Given rows 0, 3 and 5 equal, and the rest far away
        var v = NeighborTestData.Gaussian(9, 8, seed: 2);
        for (var t = 0; t < 8; t++)
        {
            v[t] += 100;
            v[(3 * 8) + t] = v[t];
            v[(5 * 8) + t] = v[t];
        }

        using var data = EmbeddingMatrix.FromArray(v, 9, 8);

        // When
        var graph = NeighborSearch.BuildGraph(data, 3, Metric.Euclidean);

        // Then
        Assert.Equal([3, 5], graph.Indices(0)[..2].ToArray());
        Assert.Equal([0, 5], graph.Indices(3)[..2].ToArray());
        Assert.Equal([0, 3], graph.Indices(5)[..2].ToArray());
        Assert.Equal([0f, 0f], graph.Distances(5)[..2].ToArray());
    }

    [Fact]
    public void Zero_rows_are_at_cosine_distance_one_from_everything()
    {
        // Rows: zero, (1, 0), zero, (0, 1), (−1, 0)
        var v = new float[] { 0, 0, 1, 0, 0, 0, 0, 1, -1, 0 };
        using var data = EmbeddingMatrix.FromArray(v, 5, 2);
        var graph = NeighborSearch.BuildGraph(data, 4, Metric.Cosine);
        Assert.All(graph.Distances(0).ToArray(), d => Assert.Equal(1f, d));
        Assert.Equal([1, 2, 3, 4], graph.Indices(0).ToArray());
        Assert.Equal([0, 2, 3, 4], graph.Indices(1).ToArray());
        Assert.Equal([1f, 1f, 1f, 2f], graph.Distances(1).ToArray());
    }

    [Fact]
    public void K_at_least_N_is_clamped_to_the_other_points()
    {
        using var data = EmbeddingMatrix.FromArray([0, 0, 3, 4], 2, 2);
        var graph = NeighborSearch.BuildGraph(data, 10, Metric.Euclidean);
        Assert.Equal(1, graph.K);
        Assert.Equal([1, 0], graph.AllIndices);
        Assert.Equal([5f, 5f], graph.AllDistances);
    }

    [Fact]
    public void The_graph_is_byte_identical_across_runs_and_thread_counts()
    {
        using var data = NeighborTestData.Mixture(1001, 33, 5, 3, seed: 9);
        var one = NeighborSearch.BuildGraph(data, 12, Metric.Euclidean, new NeighborOptions { Threads = 1 });
        var two = NeighborSearch.BuildGraph(data, 12, Metric.Euclidean, new NeighborOptions { Threads = 2 });
        var again = NeighborSearch.BuildGraph(data, 12, Metric.Euclidean);
        Assert.Equal(one.AllIndices, two.AllIndices);
        Assert.Equal(one.AllDistances, two.AllDistances);
        Assert.Equal(one.AllIndices, again.AllIndices);
        Assert.Equal(one.AllDistances, again.AllDistances);
    }

    [Fact]
    public void BuildGraph_stops_when_cancelled()
    {
        using var data = NeighborTestData.Mixture(2000, 8, 3, 2, seed: 1);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => NeighborSearch.BuildGraph(data, 5, Metric.Euclidean, null, null, cts.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => NeighborSearch.BuildGraph(data, 5, Metric.Euclidean, new NeighborOptions { Exact = false }, null, cts.Token));
    }

    private static void AssertMatchesNaive(EmbeddingMatrix data, KnnGraph graph, int k, Metric metric)
    {
        var expectedK = Math.Min(k, data.Rows - 1);
        Assert.Equal(expectedK, graph.K);
        Assert.True(graph.IsExact);
        for (var i = 0; i < data.Rows; i++)
        {
            var naive = NeighborTestData.Naive(data, i, expectedK, metric);
            Assert.Equal(naive.Select(p => p.Index), graph.Indices(i).ToArray());
            for (var j = 0; j < expectedK; j++)
            {
                Assert.Equal(naive[j].Distance, graph.Distances(i)[j], 1e-4);
            }
        }
    }
}
