using System.Diagnostics;
using System.Globalization;
using Projector.Bench.Neighbors;
using Projector.Core.Neighbors;
using Projector.Core.Projections.Pca;
using Projector.Core.Projections.Umap;
using Projector.Core.Quality;
using Projector.Demos;

namespace Projector.Bench.Projections;

/// <summary>
/// UMAP end to end on the MNIST demo (10,000 x 784): kNN, fuzzy set, initial layout and every epoch,
/// each timed, with the process's peak working set and the leave-one-out 10-NN label accuracy of the
/// layout (brute force), next to the same accuracy in the input space.
/// </summary>
internal static class UmapBenchmarks
{
    /// <summary>Runs <paramref name="runs"/> fits (the first also warms the JIT) and prints a Markdown table.</summary>
    public static void Run(int runs, int? threads, int? epochs, UmapInitialization initialization, string? knnCache, int seed, int neighbors, int pcaComponents, TextWriter output)
    {
        using var dataset = MnistDemo.Load();
        var labels = dataset.Metadata["label"]!.Values;
        var input = dataset.Matrix;
        var options = new UmapOptions { Threads = threads, Epochs = epochs, Initialization = initialization, Seed = seed, Neighbors = neighbors };
        output.WriteLine($"MNIST demo: {input.Rows} x {input.Dimensions}, PCA to {(pcaComponents > 0 ? pcaComponents.ToString(CultureInfo.InvariantCulture) : "off")}, {Environment.ProcessorCount} cores, threads {threads?.ToString(CultureInfo.InvariantCulture) ?? "all"}");
        output.WriteLine();
        output.WriteLine("| run | PCA s | kNN s | fuzzy set s | init s | epochs s | epochs CPU s | total s | epochs | edges | layout 10-NN acc. | kNN preservation | trustworthiness | input 10-NN acc. | peak working set MB |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (var r = 0; r < runs; r++)
        {
            var process = Process.GetCurrentProcess();
            var clock = Stopwatch.StartNew();

            // PCA to 50 first, as `projector project`, the server and the reference figures (umap-learn on MNIST after PCA 50) do.
            using var reduced = pcaComponents > 0 && pcaComponents < input.Dimensions ? PrincipalComponents.Fit(input, new PcaOptions { Components = pcaComponents }).Transform(input) : null;
            var data = reduced ?? input;
            var pcaTime = clock.Elapsed.TotalSeconds;
            var graph = knnCache is null ? NeighborSearch.BuildGraph(data, options.Neighbors, options.Metric) : GraphCache.Load(data, options.Neighbors, options.Metric, knnCache);
            var knn = clock.Elapsed.TotalSeconds - pcaTime;
            var run = UmapProjection.Create(data, options, graph);
            var setUp = clock.Elapsed.TotalSeconds;
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            while (run.Step())
            {
            }

            var frame = run.Snapshot();
            var total = clock.Elapsed.TotalSeconds;
            process.Refresh();
            var epochsCpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            var quality = LayoutQuality.Measure(data, frame.Positions, frame.Dimensions, labels, QualityOptions.Default);
            var inputAccuracy = GraphAccuracy(graph, labels, 10);
            process.Refresh();
            var peak = process.PeakWorkingSet64 / (1024.0 * 1024.0);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {(r == 0 ? "1 (cold)" : (r + 1).ToString(CultureInfo.InvariantCulture))} | {pcaTime:F2} | {knn:F2} | {run.FuzzySetTime.TotalSeconds:F2} | {run.InitializationTime.TotalSeconds:F2} | {total - setUp:F2} | {epochsCpu:F2} | {total:F2} | {run.TotalIterations} | {run.Edges} | {quality.LabelAccuracy:F4} | {quality.KnnPreservation:F4} | {quality.Trustworthiness:F4} | {inputAccuracy:F4} | {peak:F0} |"));
        }
    }

    /// <summary>The same accuracy in the input space, from the first k columns of the exact kNN graph.</summary>
    private static double GraphAccuracy(KnnGraph graph, IReadOnlyList<string?> labels, int k)
    {
        var correct = 0;
        for (var i = 0; i < graph.Points; i++)
        {
            correct += Majority([.. graph.Indices(i)[..k]], labels) == labels[i] ? 1 : 0;
        }

        return (double)correct / graph.Points;
    }

    private static string? Majority(List<int> neighbours, IReadOnlyList<string?> labels) =>
        neighbours.GroupBy(j => labels[j]).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
}
