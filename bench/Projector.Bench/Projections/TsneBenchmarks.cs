using System.Diagnostics;
using System.Globalization;
using Projector.Core.Neighbors;
using Projector.Core.Projections.Pca;
using Projector.Core.Projections.Tsne;
using Projector.Core.Quality;
using Projector.Demos;

namespace Projector.Bench.Projections;

/// <summary>
/// t-SNE end to end on the MNIST demo (10,000 digits, 784-d): PCA to 50, exact kNN, affinities,
/// 750 iterations; reports the split, peak working set and the three layout metrics (10-NN label
/// accuracy, kNN preservation, trustworthiness; exact, against the 50-d input).
/// </summary>
internal static class TsneBenchmarks
{
    public static void Run(string gradient, int threads, int iterations, double? initialMomentum, TextWriter output, int dimensions = 2, double? theta = null)
    {
        using var demo = MnistDemo.Load();
        var labels = demo.Metadata.Columns[0].Values;
        var method = gradient switch
        {
            "fft" => TsneGradientMethod.Fft,
            "bh" => TsneGradientMethod.BarnesHut,
            _ => TsneGradientMethod.Auto,
        };
        var options = new TsneOptions { Gradient = method, Threads = threads, Iterations = iterations, Dimensions = dimensions, Theta = theta };
        if (initialMomentum is { } momentum)
        {
            options = options with { InitialMomentum = momentum };
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# load average at start: {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# t-SNE on {MnistDemo.Name}: {demo.Matrix.Rows} x {demo.Matrix.Dimensions}, {threads} threads, {iterations} iterations, gradient {gradient}, {dimensions}-D"));

        var total = Stopwatch.StartNew();
        var clock = Stopwatch.StartNew();
        var pca = PrincipalComponents.Fit(demo.Matrix, new PcaOptions { Components = 50 });
        using var reduced = pca.Transform(demo.Matrix);
        var pcaTime = clock.Elapsed;

        clock.Restart();
        var graph = NeighborSearch.BuildGraph(reduced, (int)(3 * options.Perplexity), options.Metric);
        var knnTime = clock.Elapsed;

        clock.Restart();
        var run = TsneProjection.Create(reduced, options, graph);
        var affinityTime = clock.Elapsed;

        clock.Restart();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var early = TimeSpan.Zero;
        while (run.Step())
        {
            if (run.Iteration == options.EarlyExaggerationIterations)
            {
                early = clock.Elapsed;
            }
        }

        var optimizeTime = clock.Elapsed;
        var optimizeCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
        var frame = run.Snapshot();
        var elapsed = total.Elapsed;
        // Against the 50-d input t-SNE saw, with the scorer that agrees with quality.py (ties go to the nearest).
        var quality = LayoutQuality.Measure(reduced, frame.Positions, dimensions, labels, QualityOptions.Default);
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
        var extent = frame.Positions.Max() - frame.Positions.Min();

        output.WriteLine("| N | gradient | PCA 784→50 s | kNN (exact, k=90) s | affinities + init s | optimise s (first 250) | optimise CPU s | total s | ms / iteration | peak working set MB | 10-NN accuracy | kNN preservation | trustworthiness | final KL | layout extent |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {run.Points} | {run.GradientMethod} | {pcaTime.TotalSeconds:F2} | {knnTime.TotalSeconds:F2} | {affinityTime.TotalSeconds:F2} | {optimizeTime.TotalSeconds:F2} ({early.TotalSeconds:F2}) | {optimizeCpu.TotalSeconds:F2} | {elapsed.TotalSeconds:F2} | {optimizeTime.TotalMilliseconds / Math.Max(1, iterations):F1} | {peak:F0} | {quality.LabelAccuracy:F4} | {quality.KnnPreservation:F4} | {quality.Trustworthiness:F4} | {run.LastCost:F3} | {extent:F0} |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# optimise: repulsion {run.RepulsionTime.TotalSeconds:F2} s, attraction {run.AttractionTime.TotalSeconds:F2} s (beside it the repulsion's preparation {run.PrepareTime.TotalSeconds:F2} s), update {run.UpdateTime.TotalSeconds:F2} s"));
    }
}
