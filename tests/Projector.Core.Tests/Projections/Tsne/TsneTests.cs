using Projector.Core.Projections;
using Projector.Core.Projections.Tsne;

namespace Projector.Core.Tests.Projections.Tsne;

public sealed partial class TsneTests
{
    [Theory]
    [InlineData(TsneGradientMethod.Auto, 750)]
    [InlineData(TsneGradientMethod.BarnesHut, 300)]
    [InlineData(TsneGradientMethod.Fft, 300)]
    public void Fit_separates_gaussian_blobs(TsneGradientMethod method, int iterations)
    {
        // Given five well-separated blobs in 10-D
        var (data, labels) = TsneTestData.Blobs(5, 80, 10, seed: 3);

        // When t-SNE runs with default settings (the FFT on a grid capped at 120² nodes: Debug builds are slow, accuracy is tested apart)
        var frame = Core.Projections.Tsne.TsneProjection.Fit(data, new TsneOptions { Gradient = method, Threads = 2, Iterations = iterations, EarlyExaggerationIterations = iterations / 3, FftMinIntervals = 20, FftMaxIntervals = 40 });

        // Then every point's 10 nearest neighbours in the layout share its blob
        Assert.All(frame.Positions, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(1.0, TsneTestData.KnnAccuracy(frame.Positions, 2, labels));
        Assert.Equal(iterations, frame.Iteration);
        Assert.NotNull(frame.Cost);
    }

    [Fact]
    public void Fit_in_three_dimensions_separates_gaussian_blobs()
    {
        var (data, labels) = TsneTestData.Blobs(4, 60, 8, seed: 4);

        var frame = Core.Projections.Tsne.TsneProjection.Fit(data, new TsneOptions { Dimensions = 3, Threads = 2, Iterations = 400, EarlyExaggerationIterations = 150 });

        Assert.Equal(3, frame.Dimensions);
        Assert.Equal(1.0, TsneTestData.KnnAccuracy(frame.Positions, 3, labels));
    }

    [Theory]
    [InlineData(TsneGradientMethod.Fft)]
    [InlineData(TsneGradientMethod.BarnesHut)]
    public void Fit_gives_the_same_bytes_for_the_same_seed_and_threads(TsneGradientMethod method)
    {
        var (data, _) = TsneTestData.Blobs(3, 100, 5, seed: 9);
        var options = new TsneOptions { Gradient = method, Threads = 2, Iterations = 40, EarlyExaggerationIterations = 20, KlEvery = 10, FftMinIntervals = 20, FftMaxIntervals = 40 };

        var first = Core.Projections.Tsne.TsneProjection.Fit(data, options);
        var second = Core.Projections.Tsne.TsneProjection.Fit(data, options);

        Assert.Equal(first.Positions, second.Positions);
        Assert.Equal(first.Cost, second.Cost);
    }

    [Fact]
    public void Cost_decreases_after_early_exaggeration()
    {
        var (data, _) = TsneTestData.Blobs(3, 60, 5, seed: 10);
        var run = Core.Projections.Tsne.TsneProjection.Create(data, new TsneOptions { Threads = 2, KlEvery = 50, Iterations = 500 });
        var costs = new List<double>();
        while (run.Step())
        {
            if (run.Iteration % 50 == 0 && run.Iteration > 250)
            {
                costs.Add(run.LastCost!.Value);
            }
        }

        Assert.True(costs[^1] < costs[0], string.Join(", ", costs));
        Assert.True(costs[^1] > 0);
    }

    [Fact]
    public void Step_stops_within_one_iteration_when_cancelled()
    {
        // Given a run and a token cancelled during iteration 5
        var (data, _) = TsneTestData.Blobs(3, 100, 5, seed: 12);
        var run = Core.Projections.Tsne.TsneProjection.Create(data, new TsneOptions { Threads = 2 });
        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress(p =>
        {
            if (p.Done == 5)
            {
                cts.Cancel();
            }
        });

        // When it runs to the end with that token
        Assert.ThrowsAny<OperationCanceledException>(() => { ProjectionRunner.RunToEnd(run, progress, cts.Token); });

        // Then it stopped at iteration 5 and the layout is still usable
        Assert.Equal(5, run.Iteration);
        Assert.All(run.Snapshot().Positions, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Create_honours_a_cancelled_token()
    {
        var (data, _) = TsneTestData.Blobs(3, 100, 5, seed: 12);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => Core.Projections.Tsne.TsneProjection.Create(data, new TsneOptions(), cancellationToken: cts.Token));
    }

    private sealed class SyncProgress(Action<ProjectionProgress> report) : IProgress<ProjectionProgress>
    {
        public void Report(ProjectionProgress value) => report(value);
    }
}
