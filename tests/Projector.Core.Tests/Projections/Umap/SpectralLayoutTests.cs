using Projector.Core.Data;
using Projector.Core.Neighbors;
using Projector.Core.Projections.Umap;

namespace Projector.Core.Tests.Projections.Umap;

public sealed class SpectralLayoutTests
{
    [Fact]
    public void Compute_orders_points_along_a_path_by_their_first_coordinate()
    {
        // Given: 200 points on a line, so the graph is a path whose Fiedler vector is monotonic.
        var n = 200;
        var data = EmbeddingMatrix.FromArray([.. Enumerable.Range(0, n).Select(i => (float)i)], n, 1);
        var graph = NeighborSearch.BuildGraph(data, 6, Metric.Euclidean);
        var (rho, sigma) = SmoothKnnDistances.Compute(graph, 1.0, new ParallelOptions());
        var set = FuzzySimplicialSet.FromKnn(graph, rho, sigma);

        // When
        var layout = SpectralLayout.Compute(set, 2, 42, new ParallelOptions(), CancellationToken.None)!;

        // Then: the first coordinate rises (or falls) with the position on the line, except within the
        // last few points of each end, where the kNN graph thins out (symmetrically: a converged vector).
        var first = Enumerable.Range(0, n).Select(i => layout[i * 2]).ToArray();
        var sign = Math.Sign(first[n - 10] - first[10]);
        Assert.NotEqual(0, sign);
        Assert.All(Enumerable.Range(6, n - 12), i => Assert.Equal(sign, Math.Sign(first[i] - first[i - 1])));
        Assert.Equal(first[5], -first[n - 6], 1e-3);
    }
}
