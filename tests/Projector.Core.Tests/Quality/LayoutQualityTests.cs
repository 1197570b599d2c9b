using Projector.Core.Data;
using Projector.Core.Quality;
using Projector.Core.Tests.Neighbors;

namespace Projector.Core.Tests.Quality;

public sealed class LayoutQualityTests
{
    [Fact]
    public void Identity_layout_keeps_every_neighbour_and_is_fully_trustworthy()
    {
        using var input = NeighborTestData.Mixture(301, 3, 3, 4, seed: 1);
        var report = LayoutQuality.Measure(input, input.ToArray(), 3, null, null);
        Assert.Equal(1.0, report.KnnPreservation);
        Assert.Equal(1.0, report.Trustworthiness, 12);
        Assert.Null(report.LabelAccuracy);
        Assert.Equal(301, report.SampleSize);
    }

    [Fact]
    public void Shuffled_layout_scores_low()
    {
        // Given a layout that puts each point where a random other point is
        using var input = NeighborTestData.Mixture(400, 2, 4, 4, seed: 2);
        var values = input.ToArray();
        var order = Enumerable.Range(0, 400).ToArray();
        new Random(3).Shuffle(order);
        var layout = order.SelectMany(i => values.Skip(i * 2).Take(2)).ToArray();

        // When
        var report = LayoutQuality.Measure(input, layout, 2, null, null);

        // Then
        Assert.True(report.KnnPreservation < 0.1, $"preservation {report.KnnPreservation}");
        Assert.True(report.Trustworthiness < 0.7, $"trustworthiness {report.Trustworthiness}");
    }

    [Fact]
    public void Figures_match_a_hand_computed_one_dimensional_example()
    {
        // Given input 0, 1, 2, 3, 10 and a layout that swaps the second and third points, k = 1
        using var input = EmbeddingMatrix.FromArray([0, 1, 2, 3, 10], 5, 1);
        float[] layout = [0, 2, 1, 3, 10];

        // When
        var report = LayoutQuality.Measure(input, layout, 1, ["a", "a", "b", "b", null], new QualityOptions { K = 1 });

        // Then: only point 4 keeps its neighbour; input ranks of the layout neighbours are 2, 1, 3, 2, 1,
        // so the penalty is 1 + 0 + 2 + 1 + 0 = 4 and trust = 1 − 4 · 2 / (5 · 1 · (10 − 3 − 1)).
        Assert.Equal(0.2, report.KnnPreservation, 12);
        Assert.Equal(1 - (8.0 / 30), report.Trustworthiness, 12);
        Assert.Equal(0.0, report.LabelAccuracy);
    }

    [Fact]
    public void Label_accuracy_is_one_on_separated_blobs()
    {
        using var input = NeighborTestData.Mixture(300, 2, 3, 20, seed: 4);
        var labels = Enumerable.Range(0, 300).Select(i => (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray<string?>();
        labels[7] = null;
        var report = LayoutQuality.Measure(input, input.ToArray(), 2, labels, null);
        Assert.Equal(1.0, report.LabelAccuracy);
    }

    [Fact]
    public void Label_ties_go_to_the_label_with_the_nearest_member()
    {
        // Given k = 2, so a vote between two different labels is a tie that the nearer neighbour decides
        using var input = EmbeddingMatrix.FromArray([0, 1, 2.5f, 10, 11, 12.5f], 6, 1);
        float[] layout = [0, 1, 2.5f, 10, 11, 12.5f];
        var report = LayoutQuality.Measure(input, layout, 1, ["b", "b", "c", "x", "x", "y"], new QualityOptions { K = 2 });

        // Then
        // 0 → {1 b, 2 c}: b ✓. 1 → {0 b, 2 c}: b ✓. 2 → {1 b, 0 b}: b ✗. 3 → {4 x, 5 y}: x ✓. 4 → {3 x, 5 y}: x ✓. 5 → {4 x, 3 x}: x ✗.
        Assert.Equal(4 / 6.0, report.LabelAccuracy!.Value, 12);
    }

    [Fact]
    public void Large_inputs_are_scored_on_a_seeded_sample_against_all_points()
    {
        using var input = NeighborTestData.Mixture(500, 4, 5, 3, seed: 5);
        var options = new QualityOptions { ExactMaxPoints = 100, SampleSize = 60, Seed = 1 };
        var identity = LayoutQuality.Measure(input, input.ToArray(), 4, null, options);
        var again = LayoutQuality.Measure(input, input.ToArray(), 4, null, options with { Threads = 1 });
        Assert.Equal(60, identity.SampleSize);
        Assert.Equal(1.0, identity.KnnPreservation);
        Assert.Equal(1.0, identity.Trustworthiness, 12);
        Assert.Equal(identity, again);
    }

    [Fact]
    public void Per_point_kept_fractions_average_to_the_preservation_figure()
    {
        // Given a layout that keeps the first two of four coordinates
        using var input = NeighborTestData.Mixture(400, 4, 4, 3, seed: 6);
        var values = input.ToArray();
        var layout = Enumerable.Range(0, 400).SelectMany(i => values.Skip(i * 4).Take(2)).ToArray();

        // When
        var detail = LayoutQuality.MeasurePoints(input, layout, 2, null, null);

        // Then: the same figures as Measure, and per point a multiple of 1/k whose mean is the preservation
        Assert.Equal(LayoutQuality.Measure(input, layout, 2, null, null), detail.Summary);
        Assert.True(detail.Exact);
        Assert.Equal(400, detail.NeighborhoodKept.Length);
        Assert.All(detail.NeighborhoodKept, f => Assert.Equal(0, Math.Round(f * 10, 4) % 1));
        Assert.Equal(detail.Summary.KnnPreservation, detail.NeighborhoodKept.Average(f => (double)f), 6);
        Assert.InRange(detail.Summary.KnnPreservation, 0.05, 0.95);
    }

    [Fact]
    public void Per_point_fractions_of_a_large_input_come_from_the_graph_and_the_tree()
    {
        // Given more points than the exact limit and a layout equal to the input
        using var input = NeighborTestData.Mixture(600, 2, 3, 4, seed: 7);
        var options = new QualityOptions { ExactMaxPoints = 100, SampleSize = 50 };

        // When
        var detail = LayoutQuality.MeasurePoints(input, input.ToArray(), 2, null, options);

        // Then: the summary is the sampled one, and every point keeps its whole neighbourhood
        Assert.Equal(50, detail.Summary.SampleSize);
        Assert.Equal(LayoutQuality.Measure(input, input.ToArray(), 2, null, options), detail.Summary);
        Assert.True(detail.NeighborhoodKept.Average(f => (double)f) > 0.99);
    }
}
