using Projector.Core.Neighbors;

namespace Projector.Core.Tests.Neighbors;

public sealed class KnnRecallTests
{
    [Theory]
    [InlineData(Metric.Euclidean, 1)]
    [InlineData(Metric.Cosine, 1)]
    [InlineData(Metric.Euclidean, 2)]
    public void The_blocked_estimate_counts_what_one_exact_query_per_sampled_row_finds(Metric metric, int threads)
    {
        // Given 5,000 rows (more than two key blocks, the last one partial) and a graph with every third
        // neighbour of the exact one replaced by a row that is not a neighbour
        using var data = NeighborTestData.Mixture(5_000, 12, 6, 1.5f, seed: 4);
        const int k = 10;
        var exact = NeighborSearch.BuildGraph(data, k, metric);
        var indices = new int[data.Rows * k];
        var distances = new float[data.Rows * k];
        for (var i = 0; i < data.Rows; i++)
        {
            for (var j = 0; j < k; j++)
            {
                indices[(i * k) + j] = j % 3 == 2 ? (i + 2_500 + j) % data.Rows : exact.Indices(i)[j];
                distances[(i * k) + j] = exact.Distances(i)[j];
            }
        }

        var graph = new KnnGraph(data.Rows, k, indices, distances, metric, isExact: false);

        // When the recall of 300 rows is estimated
        var estimate = KnnRecall.Estimate(data, graph, 300, seed: 9, new ParallelOptions { MaxDegreeOfParallelism = threads });

        // Then it is the fraction of their exact neighbours (one full query each) that the graph lists
        var hits = 0;
        foreach (var row in KnnRecall.SampleRows(data.Rows, 300, 9))
        {
            hits += NeighborSearch.QueryRow(data, row, k, metric).Count(t => graph.Indices(row).Contains(t.Index));
        }

        Assert.Equal(hits / (300.0 * k), estimate);
        Assert.InRange(estimate, 0.6, 0.75);
    }
}
