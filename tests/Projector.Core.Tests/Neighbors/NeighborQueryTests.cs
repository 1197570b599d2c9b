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
}
