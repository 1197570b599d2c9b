using System.Diagnostics;
using System.Globalization;
using Projector.Bench.Neighbors;
using Projector.Core;
using Projector.Core.Data;
using Projector.Core.Neighbors;
using Projector.Core.Projections;
using Projector.Core.Projections.Tsne;
using Projector.Core.Projections.Umap;
using Projector.Core.Quality;

namespace Projector.Bench.Projections;

/// <summary>
/// t-SNE and UMAP of labelled gaussian mixtures (20 clusters, 50-d, seeded; the same distribution as the
/// kNN benchmark) at 100k and 1M points, end to end (kNN, affinities or fuzzy set, start, every iteration),
/// with time, peak working set and the three layout metrics (on a 5,000-point sample above 20,000).
/// </summary>
internal static class SyntheticBenchmarks
{
    public static void Run(int rows, string methods, string? knnCache, int? iterations, TextWriter output)
    {
        var (data, labels) = Mixture(rows, 50, 20, seed: 20261126);
        using (data)
        {
            output.WriteLine($"# gaussian mixture {rows} x 50, 20 clusters, {Environment.ProcessorCount} cores");
            output.WriteLine("| method | points | total s | of which kNN + set-up s | peak working set MB | kNN preservation | trustworthiness | 10-NN label acc |");
            output.WriteLine("|---|---|---|---|---|---|---|---|");
            foreach (var method in methods.Split(','))
            {
                var clock = Stopwatch.StartNew();
                // A cached graph (--knn-cache) leaves the search out of the time: for tuning the later phases only.
                var umapOptions = new UmapOptions();
                var tsneOptions = iterations is { } i ? new TsneOptions { Iterations = i } : new TsneOptions();
                var k = method == "umap" ? umapOptions.Neighbors : (int)Math.Floor(3 * tsneOptions.Perplexity);
                var graph = knnCache is null ? null : GraphCache.Load(data, k, Metric.Euclidean, $"{knnCache}.{rows}.{k}");
                IIterativeProjection run = method == "umap"
                    ? UmapProjection.Create(data, umapOptions, graph, progress: Log(method))
                    : TsneProjection.Create(data, tsneOptions, graph, progress: Log(method));
                var setup = clock.Elapsed.TotalSeconds;
                var frame = ProjectionRunner.RunToEnd(run, new Progress(method, run as TsneRun));
                var total = clock.Elapsed.TotalSeconds;
                using var process = Process.GetCurrentProcess();
                var peak = process.PeakWorkingSet64 / 1048576.0;
                var q = LayoutQuality.Measure(data, frame.Positions, frame.Dimensions, labels, QualityOptions.Default);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {method} | {rows} | {total:F1} | {setup:F1} | {peak:F0} | {q.KnnPreservation:F3} | {q.Trustworthiness:F3} | {q.LabelAccuracy:F3} |"));
                output.Flush();
            }
        }
    }

    private static Progress Log(string method) => new(method);

    private static (EmbeddingMatrix Data, string?[] Labels) Mixture(int rows, int dims, int clusters, int seed)
    {
        var values = new float[(long)rows * dims];
        var labels = new string?[rows];
        var rng = new Random(seed);
        var centres = new float[clusters * dims];
        for (var i = 0; i < centres.Length; i++)
        {
            centres[i] = 4 * Gaussian(rng);
        }

        for (var i = 0; i < rows; i++)
        {
            var c = rng.Next(clusters);
            labels[i] = c.ToString(CultureInfo.InvariantCulture);
            for (var t = 0; t < dims; t++)
            {
                values[((long)i * dims) + t] = centres[(c * dims) + t] + (MathF.Pow(0.95f, t) * Gaussian(rng));
            }
        }

        return (EmbeddingMatrix.FromArray(values, rows, dims), labels);
    }

    private static float Gaussian(Random rng)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }

    /// <summary>Prints phase changes and every 50th iteration to stderr, so a long run shows it is alive.</summary>
    private sealed class Progress(string method, TsneRun? tsne = null) : IProgress<ProjectionProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private string _phase = string.Empty;

        public void Report(ProjectionProgress value)
        {
            if (value.Phase != _phase || (value.Phase is "optimizing" or "early exaggeration" or "epochs" && value.Done % 50 == 0))
            {
                _phase = value.Phase;
                using var proc = Process.GetCurrentProcess();
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {method} {value.Phase} {value.Done}/{value.Total} {_clock.Elapsed.TotalSeconds:F0} s ws {proc.WorkingSet64 >> 20} peak {proc.PeakWorkingSet64 >> 20} MB{Split()}"));
            }
        }

        private string Split() => tsne is null ? string.Empty
            : string.Create(CultureInfo.InvariantCulture, $" (repulsion {tsne.RepulsionTime.TotalSeconds:F1} s, attraction {tsne.AttractionTime.TotalSeconds:F1} s, update {tsne.UpdateTime.TotalSeconds:F1} s)");
    }
}
