using Projector.Core.Data;
using Projector.Core.Projections.Umap;

namespace Projector.Core.Tests.Projections.Umap;

/// <content>Degenerate inputs and invalid options.</content>
public sealed partial class UmapTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void Fit_handles_tiny_inputs_with_neighbours_clamped(int n)
    {
        var values = Enumerable.Range(0, n * 3).Select(i => (float)((i * 7) % 5)).ToArray();

        var frame = UmapProjection.Fit(EmbeddingMatrix.FromArray(values, n, 3), new UmapOptions { Epochs = 50 });

        Assert.Equal(n * 2, frame.Positions.Length);
        Assert.All(frame.Positions, x => Assert.True(float.IsFinite(x)));
    }

    public static TheoryData<string, float[], int, int> Degenerate => new()
    {
        { "duplicate rows", [.. Enumerable.Repeat(new[] { 1f, 2f, 3f }, 30).SelectMany(r => r)], 30, 3 },
        { "all-zero rows", new float[40 * 4], 40, 4 },
        { "one dimension", [.. Enumerable.Range(0, 60).Select(i => (float)Math.Sin(i))], 60, 1 },
        { "constant columns", [.. Enumerable.Range(0, 50 * 3).Select(i => i % 3 == 1 ? (float)(i % 7) : 5f)], 50, 3 },
        { "half duplicates", [.. Enumerable.Range(0, 40 * 2).Select(i => i < 40 ? 0f : (float)i)], 40, 2 },
    };

    [Theory]
    [MemberData(nameof(Degenerate))]
    public void Fit_gives_finite_positions_for_degenerate_inputs(string name, float[] values, int n, int d)
    {
        foreach (var start in new[] { UmapInitialization.Spectral, UmapInitialization.Pca })
        {
            foreach (var metric in new[] { Projector.Core.Neighbors.Metric.Euclidean, Projector.Core.Neighbors.Metric.Cosine })
            {
                var frame = UmapProjection.Fit(EmbeddingMatrix.FromArray(values, n, d), new UmapOptions { Epochs = 30, Initialization = start, Metric = metric });

                Assert.All(frame.Positions, x => Assert.True(float.IsFinite(x), $"{name}, {start}, {metric}"));
            }
        }
    }

    [Fact]
    public void Create_rejects_empty_and_non_finite_data_and_bad_options()
    {
        var ok = EmbeddingMatrix.FromArray([1, 2, 3, 4], 2, 2);

        Assert.Throws<ArgumentException>(() => UmapProjection.Create(EmbeddingMatrix.FromArray([], 0, 2)));
        Assert.Throws<ArgumentException>(() => UmapProjection.Create(EmbeddingMatrix.FromArray([1, float.NaN, 3, 4], 2, 2)));
        Assert.Throws<ArgumentException>(() => UmapProjection.Create(ok, new UmapOptions { Dimensions = 4 }));
        Assert.Throws<ArgumentException>(() => UmapProjection.Create(ok, new UmapOptions { Neighbors = 0 }));
        Assert.Throws<ArgumentException>(() => UmapProjection.Create(ok, new UmapOptions { MinDist = 2, Spread = 1 }));
        Assert.Throws<ArgumentException>(() => UmapProjection.Create(ok, new UmapOptions { Supervision = new UmapSupervision(["a"]) }));
    }
}
