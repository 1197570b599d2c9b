using Projector.Core.Neighbors;

namespace Projector.Core.Tests.Neighbors;

public sealed class NNDescentIndexTests
{
    [Theory]
    [InlineData(15)]
    public void Approximate_graph_of_a_gaussian_mixture_has_recall_above_095(int k)
    {
        // Given 20,000 x 20 points in 10 clusters, searched approximately
        using var data = NeighborTestData.Mixture(20_000, 20, 10, 2, seed: 11);

        // When
        var approx = NeighborSearch.BuildGraph(data, k, Metric.Euclidean, new NeighborOptions { Exact = false, RecallSample = 500 });
        var exact = NeighborSearch.BuildGraph(data, k, Metric.Euclidean, new NeighborOptions { Exact = true });

        // Then
        var recall = NeighborTestData.Recall(exact, approx);
        Assert.False(approx.IsExact);
        Assert.True(recall >= 0.95, $"recall {recall:F4}");
        Assert.NotNull(approx.EstimatedRecall);
        Assert.InRange(approx.EstimatedRecall!.Value, recall - 0.02, recall + 0.02);
    }

    [Fact]
    public void A_search_in_renumbered_rows_answers_in_input_numbering_with_the_same_recall()
    {
        // Given 20,000 x 20 points, searched in input order and renumbered along a tree first
        using var data = NeighborTestData.Mixture(20_000, 20, 10, 2, seed: 11);
        var exact = NeighborSearch.BuildGraph(data, 15, Metric.Euclidean, new NeighborOptions { Exact = true });
        var plain = NeighborSearch.BuildGraph(data, 15, Metric.Euclidean, new NeighborOptions { Exact = false, RecallSample = 0, LocalityFrom = int.MaxValue });
        var renumbered = NeighborSearch.BuildGraph(data, 15, Metric.Euclidean, new NeighborOptions { Exact = false, RecallSample = 0, LocalityFrom = 1000 });

        // Then the renumbered search is as good, and its rows are the input's: true distances to the
        // listed rows, sorted by (distance, index), without the point itself
        var (plainRecall, recall) = (NeighborTestData.Recall(exact, plain), NeighborTestData.Recall(exact, renumbered));
        Assert.True(recall >= 0.95 && recall >= plainRecall - 0.01, $"renumbered {recall:F4}, plain {plainRecall:F4}");
        Assert.NotEqual(plain.AllIndices, renumbered.AllIndices);
        for (var i = 0; i < renumbered.Points; i += 7)
        {
            var idx = renumbered.Indices(i);
            var dist = renumbered.Distances(i);
            Assert.DoesNotContain(i, idx.ToArray());
            for (var j = 0; j < idx.Length; j++)
            {
                Assert.Equal(NeighborTestData.Distance(data.Row(i), data.Row(idx[j]), Metric.Euclidean), dist[j], 1e-4);
                Assert.True(j == 0 || dist[j - 1] < dist[j] || (dist[j - 1] == dist[j] && idx[j - 1] < idx[j]));
            }
        }
    }

    [Fact]
    public void A_renumbered_search_is_byte_identical_for_a_seed_whatever_the_thread_count()
    {
        using var data = NeighborTestData.Mixture(3001, 16, 5, 2, seed: 2);
        var one = NeighborSearch.BuildGraph(data, 10, Metric.Cosine, new NeighborOptions { Exact = false, Threads = 1, Seed = 7, RecallSample = 0, LocalityFrom = 100 });
        var two = NeighborSearch.BuildGraph(data, 10, Metric.Cosine, new NeighborOptions { Exact = false, Threads = 2, Seed = 7, RecallSample = 0, LocalityFrom = 100 });
        Assert.Equal(one.AllIndices, two.AllIndices);
        Assert.Equal(one.AllDistances, two.AllDistances);
    }

    [Fact]
    public void Approximate_graph_is_byte_identical_for_a_seed_whatever_the_thread_count()
    {
        using var data = NeighborTestData.Mixture(3001, 16, 5, 2, seed: 2);
        var one = NeighborSearch.BuildGraph(data, 10, Metric.Cosine, new NeighborOptions { Exact = false, Threads = 1, Seed = 7, RecallSample = 0 });
        var two = NeighborSearch.BuildGraph(data, 10, Metric.Cosine, new NeighborOptions { Exact = false, Threads = 2, Seed = 7, RecallSample = 0 });
        Assert.Equal(one.AllIndices, two.AllIndices);
        Assert.Equal(one.AllDistances, two.AllDistances);
        Assert.Null(one.EstimatedRecall);
    }

    [Fact]
    public void Approximate_rows_are_sorted_true_distances_without_self_or_repeats()
    {
        using var data = NeighborTestData.Mixture(2000, 7, 3, 2, seed: 6);
        var graph = NeighborSearch.BuildGraph(data, 12, Metric.Euclidean, new NeighborOptions { Exact = false });
        for (var i = 0; i < graph.Points; i++)
        {
            var idx = graph.Indices(i).ToArray();
            Assert.DoesNotContain(i, idx);
            Assert.Equal(idx.Length, idx.Distinct().Count());
            var dist = graph.Distances(i);
            for (var j = 0; j < idx.Length; j++)
            {
                Assert.Equal(NeighborTestData.Distance(data.Row(i), data.Row(idx[j]), Metric.Euclidean), dist[j], 1e-4);
                Assert.True(j == 0 || dist[j - 1] <= dist[j]);
            }
        }
    }

    [Fact]
    public void Heaps_one_tree_leaves_short_are_filled_with_distinct_rows_the_same_on_any_thread_count()
    {
        // Given one random projection tree, whose leaves of at most 30 rows cannot fill heaps of 30
        using var data = NeighborTestData.Mixture(400, 6, 3, 2, seed: 4);
        var options = new NeighborOptions { Exact = false, Trees = 1, Seed = 3, RecallSample = 0 };

        // When
        var one = NeighborSearch.BuildGraph(data, 30, Metric.Euclidean, options with { Threads = 1 });
        var two = NeighborSearch.BuildGraph(data, 30, Metric.Euclidean, options with { Threads = 2 });

        // Then every row holds 30 distinct other rows, and the graph does not depend on the threads
        for (var i = 0; i < one.Points; i++)
        {
            var idx = one.Indices(i).ToArray();
            Assert.All(idx, j => Assert.InRange(j, 0, data.Rows - 1));
            Assert.DoesNotContain(i, idx);
            Assert.Equal(30, idx.Distinct().Count());
        }

        Assert.Equal(one.AllIndices, two.AllIndices);
        Assert.Equal(one.AllDistances, two.AllDistances);
        Assert.True(KnnRecall.Estimate(data, one, 100, seed: 1) > 0.95);
    }

    [Fact]
    public void Recall_of_the_exact_graph_is_one()
    {
        using var data = NeighborTestData.Mixture(500, 5, 3, 2, seed: 1);
        var exact = NeighborSearch.BuildGraph(data, 8, Metric.Euclidean);
        Assert.Equal(1.0, KnnRecall.Estimate(data, exact, 100, seed: 3));
    }
}
