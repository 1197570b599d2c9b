using Projector.Core.Data;
using Projector.Core.Neighbors;
using Projector.Core.Projections;

namespace Projector.Core.Tests.Neighbors;

/// <summary>The approximate index finds nearly every exact neighbour, the same ones every time, in both metrics.</summary>
public sealed class NeighborIndexTests
{
    [Theory]
    [InlineData(Metric.Euclidean)]
    [InlineData(Metric.Cosine)]
    public void Queries_find_at_least_95_percent_of_the_exact_neighbours(Metric metric)
    {
        // Large enough that the graph is NN-descent's (exact search ends at 50,000 rows for k = 16).
        using var data = NeighborTestData.Mixture(60_000, 16, 30, 0.6f, seed: 3);
        using var queries = NeighborTestData.Mixture(300, 16, 30, 0.6f, seed: 4);
        var index = NeighborIndex.Build(data, metric, seed: 5, cancellationToken: TestContext.Current.CancellationToken);
        const int k = 15;
        var hits = 0;
        for (var i = 0; i < queries.Rows; i++)
        {
            var exact = NeighborSearch.Query(data, queries.Row(i), k, metric);
            var found = index.Query(queries.Row(i), k);
            Assert.Equal(k, found.Length);
            Assert.Equal(found.Length, found.Select(n => n.Index).Distinct().Count());
            // Nearest first, with the distance of that row in the metric.
            for (var j = 0; j < found.Length; j++)
            {
                var expected = NeighborTestData.Distance(queries.Row(i), data.Row(found[j].Index), metric);
                Assert.True(Math.Abs(expected - found[j].Distance) <= 1e-4 * Math.Max(1, expected), $"{found[j].Distance} against {expected}");
                Assert.True(j == 0 || found[j - 1].Distance <= found[j].Distance);
            }

            hits += exact.Select(n => n.Index).Intersect(found.Select(n => n.Index)).Count();
        }

        var recall = hits / (double)(queries.Rows * k);
        Assert.True(recall >= 0.95, $"recall {recall:F3}");
    }

    [Fact]
    public void The_same_rows_and_seed_give_the_same_answers_and_a_row_finds_itself_first()
    {
        using var data = NeighborTestData.Mixture(5_000, 8, 10, 0.5f, seed: 7);
        var one = NeighborIndex.Build(data, Metric.Euclidean, seed: 2, threads: 1, cancellationToken: TestContext.Current.CancellationToken);
        var two = NeighborIndex.Build(data, Metric.Euclidean, seed: 2, threads: 2, cancellationToken: TestContext.Current.CancellationToken);
        for (var i = 0; i < data.Rows; i += 97)
        {
            var a = one.Query(data.Row(i), 10);
            Assert.Equal(a, two.Query(data.Row(i), 10));
            Assert.Equal(i, a[0].Index);
            Assert.Equal(0f, a[0].Distance);
        }
    }

    [Fact]
    public void Small_inputs_and_k_beyond_the_rows_answer_every_row()
    {
        using var data = EmbeddingMatrix.FromArray([0f, 0f, 1f, 0f, 5f, 5f], 3, 2);
        var index = NeighborIndex.Build(data, Metric.Euclidean, cancellationToken: TestContext.Current.CancellationToken);
        var found = index.Query([0.9f, 0.1f], 10);
        Assert.Equal([1, 0, 2], found.Select(n => n.Index));
        Assert.Throws<ArgumentException>(() => index.Query([1f, 2f, 3f], 2));
        Assert.Empty(index.Query([0f, 0f], 0));
    }

    [Fact]
    public void A_recipe_places_through_an_index_of_its_reference_as_it_does_by_exact_search()
    {
        // Reference and new rows drawn from one mixture of six well separated clusters.
        using var all = NeighborTestData.Mixture(3_200, 10, 6, 3f, seed: 11);
        using var data = EmbeddingMatrix.FromArray(Rows(all, 0, 3_000), 3_000, 10);
        using var fresh = EmbeddingMatrix.FromArray(Rows(all, 3_000, 200), 200, 10);
        var recipe = new ProjectionRecipe { Method = LayoutMethod.Umap, Seed = 1, Iterations = 60, PcaDims = 0 };
        var layout = recipe.Compute(data, cancellationToken: TestContext.Current.CancellationToken);
        var frame = new ProjectionFrame(layout.Positions, layout.Points, layout.Dimensions, 0, 0, null, "done");
        var index = NeighborIndex.Build(data, recipe.Metric, cancellationToken: TestContext.Current.CancellationToken);
        var exact = recipe.Place(data, frame, fresh, neighbors: 0);
        var approximate = recipe.Place(data, frame, fresh, neighbors: 0, index: index);
        // The clusters are far apart and the index's neighbours nearly all exact: every point lands within
        // a small share of the layout's extent of where the exact search puts it.
        var extent = layout.Positions.Max() - layout.Positions.Min();
        for (var i = 0; i < fresh.Rows; i++)
        {
            var dx = exact.Positions[2 * i] - approximate.Positions[2 * i];
            var dy = exact.Positions[(2 * i) + 1] - approximate.Positions[(2 * i) + 1];
            Assert.True(Math.Sqrt((dx * dx) + (dy * dy)) < 0.05 * extent, $"row {i} moved {Math.Sqrt((dx * dx) + (dy * dy)):F3} of {extent:F1}");
        }

        var wrong = NeighborIndex.Build(fresh, recipe.Metric, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Throws<ArgumentException>(() => recipe.Place(data, frame, fresh, neighbors: 0, index: wrong));
    }

    private static float[] Rows(EmbeddingMatrix matrix, int first, int count) =>
        [.. Enumerable.Range(first, count).SelectMany(r => matrix.Row(r).ToArray())];
}
