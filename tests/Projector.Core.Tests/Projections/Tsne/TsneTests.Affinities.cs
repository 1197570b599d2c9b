using Projector.Core.Neighbors;

namespace Projector.Core.Tests.Projections.Tsne;

public sealed partial class TsneTests
{
    [Theory]
    [InlineData(5.0)]
    [InlineData(30.0)]
    public void Calibration_reaches_the_entropy_of_the_perplexity(double perplexity)
    {
        // Given 90 neighbour distances spread over two orders of magnitude
        var rng = new Random(1);
        var distances = Enumerable.Range(0, 90).Select(_ => (float)(0.1 + (rng.NextDouble() * 10))).Order().ToArray();
        var p = new double[90];

        // When the precision is calibrated
        Core.Projections.Tsne.TsneProjection.CalibrateRow(distances, perplexity, p);

        // Then P sums to 1 and its entropy is log(perplexity)
        var entropy = -p.Where(v => v > 0).Sum(v => v * Math.Log(v));
        Assert.Equal(1.0, p.Sum(), 12);
        Assert.Equal(Math.Log(perplexity), entropy, 4);
    }

    [Fact]
    public void Joint_affinities_are_symmetric_and_sum_to_one()
    {
        var (data, _) = TsneTestData.Blobs(3, 50, 4, seed: 2);
        var graph = NeighborSearch.BuildGraph(data, 30, Metric.Euclidean);

        var p = Core.Projections.Tsne.TsneProjection.JointAffinities(graph, 10, Core.Projections.Tsne.TsneAffinityKernel.Gaussian, 2, CancellationToken.None);

        Assert.Equal(1.0, p.Values.Sum(v => (double)v), 6);
        var entries = new Dictionary<(int, int), double>();
        for (var i = 0; i < p.Rows; i++)
        {
            for (var e = p.RowStart[i]; e < p.RowStart[i + 1]; e++)
            {
                Assert.NotEqual(i, p.Columns[e]);
                entries[(i, p.Columns[e])] = p.Values[e];
            }
        }

        Assert.All(entries, kv => Assert.Equal(kv.Value, entries[(kv.Key.Item2, kv.Key.Item1)]));
    }

    [Fact]
    public void Uniform_affinities_give_each_of_k_neighbours_one_kth_before_symmetrising()
    {
        // Given a graph of 20 neighbours per point
        var (data, _) = TsneTestData.Blobs(3, 40, 4, seed: 5);
        var graph = NeighborSearch.BuildGraph(data, 20, Metric.Euclidean);
        var n = graph.Points;

        // When a run asks for uniform affinities without a k, it takes openTSNE's 15 of them
        var run = Core.Projections.Tsne.TsneProjection.Create(data, new Core.Projections.Tsne.TsneOptions { Affinity = Core.Projections.Tsne.TsneAffinityKernel.Uniform, Iterations = 0 }, graph);
        var p = Core.Projections.Tsne.TsneProjection.JointAffinities(graph.Truncate(15), 5, Core.Projections.Tsne.TsneAffinityKernel.Uniform, 2, CancellationToken.None);

        // Then p_ij = ([j in N(i)] + [i in N(j)]) / (2 N k), whatever the distances
        Assert.Equal(15, run.Neighbors);
        var lists = Enumerable.Range(0, n).Select(i => graph.Indices(i)[..15].ToArray()).ToArray();
        for (var i = 0; i < n; i++)
        {
            for (var e = p.RowStart[i]; e < p.RowStart[i + 1]; e++)
            {
                var j = p.Columns[e];
                var expected = ((lists[i].Contains(j) ? 1 : 0) + (lists[j].Contains(i) ? 1 : 0)) / (2.0 * n * 15);
                Assert.Equal(expected, p.Values[e], 9);
            }
        }

        Assert.Equal(1.0, p.Values.Sum(v => (double)v), 6);
    }

    [Fact]
    public void Symmetrize_matches_a_pairwise_sum_with_duplicates_and_self_edges()
    {
        // Given a random 40 x 6 graph that lists some neighbours twice and some points as their own neighbour
        const int n = 40, k = 6;
        var rng = new Random(3);
        var neighbors = new int[n * k];
        var conditional = new float[n * k];
        for (var e = 0; e < neighbors.Length; e++)
        {
            neighbors[e] = rng.Next(n);
            conditional[e] = (float)rng.NextDouble();
        }

        // When it is symmetrised, and the same sums are taken pair by pair
        var p = Core.Projections.Tsne.TsneProjection.Symmetrize(n, k, neighbors, conditional, threads: 2);
        var expected = new Dictionary<(int, int), double>();
        for (var e = 0; e < neighbors.Length; e++)
        {
            var (i, j) = (e / k, neighbors[e]);
            if (i != j)
            {
                expected[(i, j)] = expected.GetValueOrDefault((i, j)) + (conditional[e] / (2.0 * n));
                expected[(j, i)] = expected.GetValueOrDefault((j, i)) + (conditional[e] / (2.0 * n));
            }
        }

        // Then every row is sorted, free of the diagonal, and holds those sums (to float32 precision)
        Assert.Equal(expected.Count, p.Count);
        for (var i = 0; i < n; i++)
        {
            for (var e = p.RowStart[i]; e < p.RowStart[i + 1]; e++)
            {
                Assert.True(e == p.RowStart[i] || p.Columns[e - 1] < p.Columns[e]);
                Assert.Equal(expected[(i, p.Columns[e])], p.Values[e], 1e-8);
            }
        }
    }
}
