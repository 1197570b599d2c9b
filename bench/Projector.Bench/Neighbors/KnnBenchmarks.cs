using System.Diagnostics;
using System.Globalization;
using Projector.Core.Data;
using Projector.Core.Neighbors;

namespace Projector.Bench.Neighbors;

/// <summary>
/// kNN graph timings on seeded gaussian mixtures (20 clusters, 50-d): exact search of 100k rows with k = 90,
/// and the approximate index on 1M rows with k = 15, with its recall on a 1,000-row sample and peak memory.
/// </summary>
internal static class KnnBenchmarks
{
    public static void Run(int exactRows, int approxRows, int exactK, int approxK, int threads, TextWriter output, NeighborOptions? tuning = null)
    {
        output.WriteLine($"# kNN on {Environment.ProcessorCount} cores, threads {(threads > 0 ? threads.ToString(CultureInfo.InvariantCulture) : "all")}");
        output.WriteLine("| search | rows x dims | k | metric | seconds | recall (sample) | peak working set MB | managed heap MB |");
        output.WriteLine("|---|---|---|---|---|---|---|---|");
        var options = (tuning ?? new NeighborOptions()) with { Threads = threads > 0 ? threads : null };
        if (exactRows > 0)
        {
            using var data = Mixture(exactRows, 50, 20, seed: 1);
            Time(output, "exact", data, exactK, options with { Exact = true });
        }

        if (approxRows > 0)
        {
            using var data = Mixture(approxRows, 50, 20, seed: 2);
            Time(output, "NN-descent", data, approxK, options with { Exact = false, RecallSample = 1000 });
        }
    }

    private static void Time(TextWriter output, string name, EmbeddingMatrix data, int k, NeighborOptions options)
    {
        GC.Collect();
        var sw = Stopwatch.StartNew();
        var graph = NeighborSearch.BuildGraph(data, k, Metric.Euclidean, options with { RecallSample = 0 }, new RoundLog(sw));
        var seconds = sw.Elapsed.TotalSeconds;
        var managed = GC.GetGCMemoryInfo().HeapSizeBytes;   // heap size at the last GC, a lower bound on the peak
        var recall = KnnRecall.Estimate(data, graph, 1000, seed: 0);
        using var process = Process.GetCurrentProcess();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {data.Rows} x {data.Dimensions} | {k} | euclidean | {seconds:F1} | {recall:F4} | {process.PeakWorkingSet64 / (1 << 20)} | {managed / (1 << 20)} |"));
    }

    /// <summary>
    /// Rows in <paramref name="clusters"/> gaussian clusters: centres drawn from N(0, 4²) per dimension, points
    /// from N(centre, σ_t²) with σ_t = 0.95^t falling along the dimensions (real embeddings concentrate their
    /// variance in a few directions; an isotropic 50-d cloud is the worst case for every ANN method).
    /// </summary>
    internal static EmbeddingMatrix Mixture(int rows, int dims, int clusters, int seed)
    {
        var values = new float[(long)rows * dims];
        var rng = new Random(seed);
        var centres = new float[clusters * dims];
        for (var i = 0; i < centres.Length; i++)
        {
            centres[i] = 4 * Gaussian(rng);
        }

        for (var i = 0; i < rows; i++)
        {
            var c = rng.Next(clusters);
            for (var t = 0; t < dims; t++)
            {
                values[((long)i * dims) + t] = centres[(c * dims) + t] + (MathF.Pow(0.95f, t) * Gaussian(rng));
            }
        }

        return EmbeddingMatrix.FromArray(values, rows, dims);
    }

    /// <summary>Prints NN-descent's rounds (entries changed) to stderr as they end.</summary>
    private sealed class RoundLog(Stopwatch clock) : IProgress<Projector.Core.ProjectionProgress>
    {
        public void Report(Projector.Core.ProjectionProgress value)
        {
            if (value.Cost is { } changed)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  round {value.Done}: {changed:F0} changed, {clock.Elapsed.TotalSeconds:F1} s"));
            }
        }
    }

    private static float Gaussian(Random rng) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()));
}
