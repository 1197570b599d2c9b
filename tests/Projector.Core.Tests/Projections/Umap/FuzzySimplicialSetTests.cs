using Projector.Core.Neighbors;
using Projector.Core.Projections.Umap;

namespace Projector.Core.Tests.Projections.Umap;

public sealed class FuzzySimplicialSetTests
{
    [Fact]
    public void Smooth_knn_sigma_makes_each_neighbourhood_sum_to_log2_k()
    {
        // Given
        var (data, _) = UmapTestData.Blobs(3, 60, 5, 4);
        var graph = NeighborSearch.BuildGraph(data, 15, Metric.Euclidean);

        // When
        var (rho, sigma) = SmoothKnnDistances.Compute(graph, 1.0, new ParallelOptions());

        // Then
        for (var i = 0; i < graph.Points; i++)
        {
            Assert.Equal(graph.Distances(i)[0], rho[i]);
            var sum = 0.0;
            foreach (var d in graph.Distances(i))
            {
                sum += Math.Exp(-Math.Max(0, d - rho[i]) / sigma[i]);
            }

            Assert.Equal(Math.Log2(15), sum, 1e-3);
        }
    }

    [Fact]
    public void Fuzzy_union_is_symmetric_with_weights_in_zero_one()
    {
        // Given
        var (data, _) = UmapTestData.Blobs(2, 80, 4, 5);
        var graph = NeighborSearch.BuildGraph(data, 10, Metric.Euclidean);
        var (rho, sigma) = SmoothKnnDistances.Compute(graph, 1.0, new ParallelOptions());

        // When
        var set = FuzzySimplicialSet.FromKnn(graph, rho, sigma);

        // Then
        var weights = new Dictionary<(int, int), float>();
        for (var i = 0; i < set.Points; i++)
        {
            for (var e = set.RowStart[i]; e < set.RowStart[i + 1]; e++)
            {
                Assert.NotEqual(i, set.Columns[e]);
                Assert.InRange(set.Weights[e], float.Epsilon, 1f);
                if (e > set.RowStart[i])
                {
                    Assert.True(set.Columns[e - 1] < set.Columns[e], "columns ascend within a row");
                }

                weights[(i, set.Columns[e])] = set.Weights[e];
            }
        }

        foreach (var ((i, j), w) in weights)
        {
            Assert.Equal(w, weights[(j, i)]);
        }

        Assert.True(set.Edges >= graph.Points * graph.K, "the union keeps every kNN edge");
    }

    [Fact]
    public void Label_intersection_weakens_edges_between_different_labels()
    {
        // Given
        var (data, labels) = UmapTestData.Blobs(2, 50, 3, 0.5);
        var graph = NeighborSearch.BuildGraph(data, 10, Metric.Euclidean);
        var (rho, sigma) = SmoothKnnDistances.Compute(graph, 1.0, new ParallelOptions());
        var set = FuzzySimplicialSet.FromKnn(graph, rho, sigma);

        // When
        var supervised = set.IntersectLabels(labels, 5.0);

        // Then
        static double CrossShare(FuzzySimplicialSet s, string[] labels)
        {
            double cross = 0, all = 0;
            for (var i = 0; i < s.Points; i++)
            {
                for (var e = s.RowStart[i]; e < s.RowStart[i + 1]; e++)
                {
                    all += s.Weights[e];
                    cross += labels[i] == labels[s.Columns[e]] ? 0 : s.Weights[e];
                }
            }

            return cross / all;
        }

        Assert.True(CrossShare(supervised, labels) < CrossShare(set, labels) / 5);
        Assert.All(supervised.Weights, w => Assert.InRange(w, float.Epsilon, 1f));
    }

    [Fact]
    public void Union_of_rows_given_by_offsets_merges_repeats_and_transposes_and_drops_zeros_and_self()
    {
        // Given row 0: (1, 0.5) twice and a zero-weight (2, 0); row 1: (0, 0.5) and itself; row 2: nothing
        int[] rowStart = [0, 3, 5, 5];
        int[] cols = [1, 1, 2, 0, 1];
        float[] weights = [0.5f, 0.5f, 0f, 0.5f, 0.25f];

        // When
        var set = FuzzySimplicialSet.Union(3, rowStart, cols, weights);

        // Then the three halves of (0, 1) combine as 1 − 0.5³ both ways; nothing else is left
        Assert.Equal([0, 1, 2, 2], set.RowStart);
        Assert.Equal([1, 0], set.Columns);
        Assert.Equal([0.875f, 0.875f], set.Weights);
    }
}
