using System.Globalization;
using Projector.Core.Data;
using Projector.Demos;
using Projector.Onnx;
using Projector.Onnx.Tests;

namespace Projector.Bench.Onnx;

/// <summary>
/// <c>embed</c>: rows per second of demo:mnist (10,000 digits) through a small CNN the benchmark builds
/// (two conv/relu/pool stages, a 64-wide hidden layer; ONNX Runtime on the CPU), keeping its 64-wide
/// <c>embedding</c> layer, at several batch sizes; the median of the runs after a warm-up.
/// </summary>
internal static class EmbedBenchmarks
{
    public static void Run(string dir, string batches, int runs, int? threads, TextWriter output)
    {
        Directory.CreateDirectory(dir);
        var model = Path.Combine(dir, "digits.onnx");
        File.WriteAllBytes(model, TestModels.BuildDigitCnn());
        using var digits = MnistDemo.Load();
        output.WriteLine($"# demo:mnist {digits.Points} x {digits.Dimensions} through digits.onnx (conv 8, conv 16, fc 64, fc 10), layer 'embedding', {threads ?? Environment.ProcessorCount} threads, {Environment.ProcessorCount} cores");
        output.WriteLine("| batch | rows/s | s per 10,000 rows |");
        output.WriteLine("|---|---|---|");
        foreach (var batch in batches.Split(',').Select(b => int.Parse(b, CultureInfo.InvariantCulture)))
        {
            using var embedder = OnnxEmbedder.Open(model, new EmbedOptions { Layer = "embedding", BatchSize = batch, Threads = threads });
            var seconds = Timing.Median(runs, () => embedder.EmbedVectors(digits).Dispose());
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {batch} | {digits.Points / seconds:N0} | {seconds * 10_000 / digits.Points:F2} |"));
            output.Flush();
        }
    }

    /// <summary>The embedding of demo:mnist by the digit CNN moved <paramref name="drift"/> steps along its fixed random direction.</summary>
    public static Dataset Checkpoint(Dataset digits, double drift)
    {
        using var embedder = OnnxEmbedder.Open(OnnxModel.FromBytes(TestModels.BuildDigitCnn(drift: drift), "digits.onnx"), new EmbedOptions { Layer = "embedding" });
        return embedder.EmbedVectors(digits);
    }
}
