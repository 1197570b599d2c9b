using System.Diagnostics;
using System.Globalization;
using Projector.Core.Data;
using Projector.Core.Neighbors;
using Projector.Core.Projections;
using Projector.Core.Projections.Tsne;
using Projector.Core.Projections.Umap;
using Projector.Core.Quality;

namespace Projector.Bench.Projections;

/// <summary>
/// t-SNE or UMAP of a raw float32 file (the shared benchmark sets: gauss_100k_50d.f32, gauss_1m_50d.f32),
/// phase by phase: kNN graph, affinities (or fuzzy set) and start, then the optimisation split into
/// repulsion, attraction and update; wall and process CPU time of each, peak working set, the three
/// layout metrics, and the layout written as raw float32 for shared/data/quality.py.
/// </summary>
internal static class ScaleBenchmarks
{
    // Fully optimised from the first call: unoptimised code would keep every local (the kNN graph among
    // them) alive to the end of the method and inflate the peak memory being measured.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Run(string input, int dims, string labelsPath, string method, int? iterations, int outputDims, string? layoutPath, TextWriter output, ScaleSettings? settings = null)
    {
        settings ??= ScaleSettings.Default;
        var rows = (int)(new FileInfo(input).Length / (4L * dims));
        rows = Math.Min(rows, settings.Rows ?? rows);
        using var data = EmbeddingMatrix.MapFile(input, 0, rows, dims);
        string?[] labels = [.. File.ReadLines(labelsPath).Take(rows)];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# {method} of {Path.GetFileName(input)}: {rows} x {dims}, {outputDims}-D, {Environment.ProcessorCount} cores, load average at start {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        var phases = new List<(string Name, double Wall, double Cpu)>();
        var clock = Stopwatch.StartNew();
        var cpu = CpuSeconds();
        void Mark(string name)
        {
            var now = CpuSeconds();
            phases.Add((name, clock.Elapsed.TotalSeconds, now - cpu));
            cpu = now;
            clock.Restart();
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name} done: {phases[^1].Wall:F1} s, peak {PeakMb():F0} MB"));
        }

        ProjectionFrame frame;
        string split;
        if (method == "knn")
        {
            // The search alone, at the k the method would use (--k, default t-SNE's 90).
            var k = settings.K ?? 90;
            var graph = Graph(data, k, Metric.Euclidean, settings.Neighbors, output, Mark);
            var hash = new System.IO.Hashing.XxHash64();
            hash.Append(System.Runtime.InteropServices.MemoryMarshal.AsBytes(graph.AllIndices.AsSpan()));
            hash.Append(System.Runtime.InteropServices.MemoryMarshal.AsBytes(graph.AllDistances.AsSpan()));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# graph checksum {hash.GetCurrentHashAsUInt64():x16} (XxHash64 of the indices and distances)"));
            return;
        }

        if (method == "umap")
        {
            var options = new UmapOptions { Dimensions = outputDims, Neighbors = settings.K ?? 15, Epochs = settings.Epochs, Seed = settings.Seed };
            var run = UmapProjection.Create(data, options, Graph(data, options.Neighbors, options.Metric, settings.Neighbors, output, Mark));
            Mark("fuzzy set + start");
            while (run.Step())
            {
            }

            Mark("epochs");
            frame = run.Snapshot();
            split = string.Empty;
        }
        else
        {
            var options = new TsneOptions { Dimensions = outputDims, Affinity = settings.Affinity, Neighbors = settings.K, Seed = settings.Seed };
            options = iterations is { } i ? options with { Iterations = i } : options;
            var k = settings.K ?? (settings.Affinity == TsneAffinityKernel.Uniform ? TsneOptions.UniformNeighbors : (int)(3 * options.Perplexity));
            var run = TsneProjection.Create(data, options, Graph(data, k, options.Metric, settings.Neighbors, output, Mark));
            Mark("affinities + start");
            while (run.Step())
            {
            }

            Mark($"{options.Iterations} iterations");
            frame = run.Snapshot();
            split = string.Create(CultureInfo.InvariantCulture, $"repulsion {run.RepulsionTime.TotalSeconds:F1} s, attraction {run.AttractionTime.TotalSeconds:F1} s (beside it the repulsion's preparation {run.PrepareTime.TotalSeconds:F1} s), update {run.UpdateTime.TotalSeconds:F1} s ({run.GradientMethod})");
        }

        var peak = PeakMb();
        if (layoutPath is not null)
        {
            using var file = File.Create(layoutPath);
            file.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(frame.Positions.AsSpan()));
        }

        var qualityOptions = QualityOptions.Default with { SampleSize = settings.QualitySample ?? QualityOptions.Default.SampleSize };
        var qualityClock = Stopwatch.StartNew();
        var qualityCpu = CpuSeconds();
        var q = LayoutQuality.Measure(data, frame.Positions, frame.Dimensions, labels, qualityOptions);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# quality scoring: {qualityClock.Elapsed.TotalSeconds:F1} s wall, {CpuSeconds() - qualityCpu:F1} CPU s, peak working set then {PeakMb():F0} MB"));
        output.WriteLine("| phase | wall s | CPU s |");
        output.WriteLine("|---|---|---|");
        foreach (var (name, wall, cpuSeconds) in phases)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {wall:F1} | {cpuSeconds:F1} |"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| total | {phases.Sum(p => p.Wall):F1} | {phases.Sum(p => p.Cpu):F1} |"));
        if (split.Length > 0)
        {
            output.WriteLine($"# optimisation: {split}");
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# peak working set {peak:F0} MB; 10-NN label accuracy {q.LabelAccuracy:F4}, kNN preservation {q.KnnPreservation:F4}, trustworthiness {q.Trustworthiness:F4} (sample of {qualityOptions.SampleSize})"));
    }

    /// <summary>
    /// The kNN graph, timed as its own phase. Built in a call of its own so that no local of the caller
    /// keeps it alive once the projection has taken what it needs (unoptimised code keeps locals to the end).
    /// </summary>
    private static KnnGraph Graph(EmbeddingMatrix data, int k, Metric metric, NeighborOptions neighbors, TextWriter output, Action<string> mark)
    {
        var clock = Stopwatch.StartNew();
        var graph = NeighborSearch.BuildGraph(data, k, metric, neighbors, new RoundLog(clock));
        var how = graph.IsExact ? "exact" : "NN-descent";
        mark($"kNN ({how}, k = {k})");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# kNN graph: {how}, estimated recall {graph.EstimatedRecall?.ToString("F4", CultureInfo.InvariantCulture) ?? "1"}; NN-descent heap {neighbors.HeapSize?.ToString(CultureInfo.InvariantCulture) ?? "default"}, rounds {neighbors.Iterations?.ToString(CultureInfo.InvariantCulture) ?? "default"}, candidates {neighbors.Candidates?.ToString(CultureInfo.InvariantCulture) ?? "default"}, trees {neighbors.Trees?.ToString(CultureInfo.InvariantCulture) ?? "default"}"));
        return graph;
    }

    private static double CpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    private static double PeakMb()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / 1048576.0;
    }

    /// <summary>Prints NN-descent's rounds (entries changed, time so far) to stderr as they end.</summary>
    private sealed class RoundLog(Stopwatch clock) : IProgress<Core.ProjectionProgress>
    {
        public void Report(Core.ProjectionProgress value)
        {
            if (value.Phase == "neighbors" && value.Cost is { } changed)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  NN-descent round {value.Done}: {changed:F0} changed, {clock.Elapsed.TotalSeconds:F1} s"));
            }
        }
    }
}
