using Projector.Core.Projections.Umap;

namespace Projector.Core.Tests.Projections.Umap;

public sealed class UmapOptimizerTests
{
    [Fact]
    public void Points_without_edges_between_linked_rows_never_move_and_linked_pairs_draw_together()
    {
        // Given 30,000 points: 3m and 3m + 1 linked, 3m + 2 alone (rows without edges between rows with
        // them, across the optimizer's partitions), and a random start
        const int n = 30_000;
        var rowStart = new int[n + 1];
        var cols = new List<int>();
        for (var i = 0; i < n; i++)
        {
            if (i % 3 != 2)
            {
                cols.Add(i % 3 == 0 ? i + 1 : i - 1);
            }

            rowStart[i + 1] = cols.Count;
        }

        var graph = FuzzySimplicialSet.Union(n, rowStart, [.. cols], [.. Enumerable.Repeat(1f, cols.Count)]);
        var random = new Random(3);
        var positions = new float[n * 2];
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] = (float)(random.NextDouble() * 10);
        }

        var start = (float[])positions.Clone();
        var optimizer = new UmapOptimizer(graph, 2, 20, 1.577, 0.895, 5, 42);

        // When
        for (var epoch = 0; epoch < 20; epoch++)
        {
            optimizer.Epoch(positions, epoch, 1f - (epoch / 20f), new ParallelOptions());
        }

        // Then
        Assert.Equal(2 * (n / 3), optimizer.Edges);
        double before = 0, after = 0;
        for (var i = 0; i < n; i += 3)
        {
            Assert.Equal(start[(2 * (i + 2))..(2 * (i + 3))], positions[(2 * (i + 2))..(2 * (i + 3))]);
            before += Distance(start, i, i + 1);
            after += Distance(positions, i, i + 1);
        }

        Assert.True(after < before / 4, $"mean pair distance {before / (n / 3):F3} → {after / (n / 3):F3}");
    }

    private static double Distance(float[] y, int i, int j) => Math.Sqrt(Math.Pow(y[2 * i] - y[2 * j], 2) + Math.Pow(y[(2 * i) + 1] - y[(2 * j) + 1], 2));
}
