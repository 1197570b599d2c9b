using Projector.Core.Data;
using Projector.Core.Projections.Tsne;

namespace Projector.Core.Tests.Projections.Tsne;

public sealed partial class TsneTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Fit_gives_finite_positions_for_tiny_inputs(int n)
    {
        var rng = new Random(n);
        using var data = EmbeddingMatrix.FromArray([.. Enumerable.Range(0, n * 3).Select(_ => (float)rng.NextDouble())], n, 3);

        var frame = Core.Projections.Tsne.TsneProjection.Fit(data, new TsneOptions { Threads = 2 });

        Assert.Equal(n * 2, frame.Positions.Length);
        Assert.All(frame.Positions, v => Assert.True(float.IsFinite(v)));
    }

    public static TheoryData<string, float[], int, int> DegenerateInputs() => new()
    {
        { "duplicate rows", [.. Enumerable.Repeat(new float[] { 1, 2, 3 }, 300).SelectMany(r => r)], 300, 3 },
        { "all-zero rows", new float[300 * 4], 300, 4 },
        { "one column", [.. Enumerable.Range(0, 300).Select(i => (float)(i % 7))], 300, 1 },
        { "constant columns", [.. Enumerable.Range(0, 300 * 3).Select(k => k % 3 == 1 ? (float)(k % 11) : 5f)], 300, 3 },
        { "half duplicates", [.. Enumerable.Range(0, 300 * 2).Select(k => k < 300 ? 0f : (float)k)], 300, 2 },
    };

    [Theory]
    [MemberData(nameof(DegenerateInputs))]
    public void Fit_gives_finite_positions_for_degenerate_inputs(string name, float[] values, int n, int d)
    {
        using var data = EmbeddingMatrix.FromArray(values, n, d);

        foreach (var (method, iterations) in new[] { (TsneGradientMethod.Fft, 60), (TsneGradientMethod.BarnesHut, 60) })
        {
            var frame = Core.Projections.Tsne.TsneProjection.Fit(data, new TsneOptions { Threads = 2, Gradient = method, Iterations = iterations, EarlyExaggerationIterations = iterations / 2, FftMinIntervals = 20, FftMaxIntervals = 40 });
            Assert.True(frame.Positions.All(float.IsFinite), $"{name} with {method}");
        }
    }

    [Fact]
    public void Create_reduces_a_perplexity_too_large_for_the_points_and_says_so()
    {
        var (data, _) = TsneTestData.Blobs(2, 10, 3, seed: 1);

        var run = Core.Projections.Tsne.TsneProjection.Create(data, new TsneOptions { Perplexity = 30 });

        Assert.Equal(19 / 3.0, run.EffectivePerplexity, 9);
        Assert.Equal(19, run.Neighbors);
        Assert.Single(run.Warnings);
    }

    [Fact]
    public void Create_rejects_non_finite_inputs_and_impossible_options()
    {
        using var nan = EmbeddingMatrix.FromArray([1, float.NaN, 3, 4], 2, 2);
        var (data, _) = TsneTestData.Blobs(2, 10, 3, seed: 1);

        Assert.Throws<ArgumentException>(() => Core.Projections.Tsne.TsneProjection.Create(nan));
        Assert.Throws<ArgumentException>(() => Core.Projections.Tsne.TsneProjection.Create(data, new TsneOptions { Dimensions = 4 }));
        Assert.Throws<ArgumentException>(() => Core.Projections.Tsne.TsneProjection.Create(data, new TsneOptions { Dimensions = 3, Gradient = TsneGradientMethod.Fft }));
        Assert.Throws<ArgumentException>(() => Core.Projections.Tsne.TsneProjection.Create(data, new TsneOptions { SupervisionLabels = ["a"], SuperviseFactor = 0.5 }));
        Assert.Throws<ArgumentException>(() => Core.Projections.Tsne.TsneProjection.Create(data, new TsneOptions { SuperviseFactor = 2 }));
    }
}
