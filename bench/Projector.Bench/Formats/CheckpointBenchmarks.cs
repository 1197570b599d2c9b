using System.Diagnostics;
using System.Globalization;
using Projector.Core.Formats;
using Projector.Core.Formats.TensorBoard.Checkpoint;

namespace Projector.Bench.Formats;

/// <summary>
/// Read speed of <see cref="CheckpointReader"/> on one large float32 tensor, next to
/// <see cref="File.ReadAllBytes(string)"/> of the data shard in the same run (the page-cache speed).
/// Medians of several runs after one warm-up; the checkpoint is written once, seeded.
/// </summary>
internal static class CheckpointBenchmarks
{
    private const int Dims = 100;
    private const string Tensor = "embedding/.ATTRIBUTES/VARIABLE_VALUE";

    public static void Run(string dir, int sizeMb, int runs, TextWriter output)
    {
        Directory.CreateDirectory(dir);
        var rows = (int)(((long)sizeMb << 20) / (Dims * sizeof(float)));
        var prefix = Path.Combine(dir, $"bench_{sizeMb}.ckpt");
        var shard = prefix + ".data-00000-of-00001";
        if (!File.Exists(prefix + ".index") || !File.Exists(shard))
        {
            using var m = ReadBenchmarks.Generate(rows, Dims);
            var write = Stopwatch.StartNew();
            CheckpointWriter.Write(prefix, [new(Tensor, m)]);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# wrote {prefix} ({rows} x {Dims}) in {write.Elapsed.TotalSeconds:F2} s"));
        }

        var mb = new FileInfo(shard).Length / 1048576.0;
        output.WriteLine($"# checkpoint benchmarks: one {rows} x {Dims} float32 tensor, median of {runs} runs, {Environment.ProcessorCount} cores");
        output.WriteLine("| what | size MB | baseline ReadAllBytes s | s | MB/s | vs baseline |");
        output.WriteLine("|---|---|---|---|---|---|");
        var baseline = Timing.Median(runs, () => { _ = File.ReadAllBytes(shard); });
        Row(output, "ReadAllBytes of the data shard", mb, baseline, baseline);
        Row(output, "Open + ReadMatrix (mapped, finite check)", mb, baseline, Timing.Median(runs, () => Read(prefix, ReadOptions.Default)));
        Row(output, "Open + ReadMatrix (mapped, no check)", mb, baseline, Timing.Median(runs, () => Read(prefix, new ReadOptions { AllowNonFinite = true })));
        Row(output, "Open only (index)", mb, baseline, Timing.Median(runs, () => { using var r = CheckpointReader.Open(prefix); }));
    }

    private static void Read(string prefix, ReadOptions options)
    {
        using var reader = CheckpointReader.Open(prefix);
        using var m = reader.ReadMatrix(Tensor, options);
        _ = m.Rows;
    }

    private static void Row(TextWriter output, string name, double mb, double baseline, double seconds) =>
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {name} | {mb:F0} | {baseline:F3} | {seconds:F4} | {(seconds > 0.001 ? (mb / seconds).ToString("F0", CultureInfo.InvariantCulture) : "—")} | {seconds / baseline:F2}x |"));
}
