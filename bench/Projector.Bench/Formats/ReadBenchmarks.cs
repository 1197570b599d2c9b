using System.Diagnostics;
using System.Globalization;
using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.Bytes;
using Projector.Core.Formats.Tsv;

namespace Projector.Bench.Formats;

/// <summary>
/// Read speed of every large-file reader next to a baseline measured in the same run
/// (<see cref="File.ReadAllBytes(string)"/> of the same file, i.e. the disk/page-cache speed).
/// Medians of several runs after one warm-up; the files are generated once, seeded.
/// </summary>
internal static class ReadBenchmarks
{
    private const int Dims = 100;

    public static void Run(string dir, int sizeMb, int runs, TextWriter output)
    {
        Directory.CreateDirectory(dir);
        var targetBytes = (long)sizeMb << 20;
        var rows = (int)(targetBytes / (Dims * sizeof(float)));
        output.WriteLine($"# read benchmarks: {sizeMb} MB class files, {Dims}-d, median of {runs} runs, {Environment.ProcessorCount} cores");
        output.WriteLine("| reader | file | size MB | baseline ReadAllBytes s | reader s | reader MB/s | vs baseline | peak working set MB |");
        output.WriteLine("|---|---|---|---|---|---|---|---|");

        var bytesPath = Path.Combine(dir, $"bench_{sizeMb}.bytes");
        if (!File.Exists(bytesPath))
        {
            using var m = Generate(rows, Dims);
            BytesWriter.Write(bytesPath, m);
        }

        // The TSV holds rows of the same kind of values, as many as make about the same size in text.
        var tsvPath = Path.Combine(dir, $"bench_{sizeMb}.tsv");
        if (!File.Exists(tsvPath))
        {
            var tsvRows = (int)(targetBytes / (Dims * 10L));
            using var m = Generate(tsvRows, Dims);
            TsvVectorWriter.Write(tsvPath, m);
        }

        Measure(output, "bytes (mapped, finite check)", bytesPath, runs, p => BytesReader.Read(p, new ReadOptions { Shape = (0, Dims) }));
        Measure(output, "bytes (mapped, no check)", bytesPath, runs, p => BytesReader.Read(p, new ReadOptions { Shape = (0, Dims), AllowNonFinite = true }));
        Measure(output, "tsv (1 thread)", tsvPath, runs, p => TsvVectorReader.Read(p, ReadOptions.Default));
        foreach (var (name, path, read) in ExtraReaders.Prepare(dir, sizeMb, rows, Dims))
        {
            Measure(output, name, path, runs, read);
        }
    }

    internal static EmbeddingMatrix Generate(int rows, int dims)
    {
        var m = EmbeddingMatrix.Allocate(rows, dims);
        var rng = new Random(20261126);
        for (var i = 0; i < rows; i++)
        {
            var row = m.GetWritableRow(i);
            for (var j = 0; j < dims; j++)
            {
                row[j] = (float)((rng.NextDouble() * 2) - 1);
            }
        }

        return m;
    }

    private static void Measure(TextWriter output, string name, string path, int runs, Func<string, Dataset> read)
    {
        var size = new FileInfo(path).Length;
        var baseline = Timing.Median(runs, () => { _ = File.ReadAllBytes(path); });
        using var proc = Process.GetCurrentProcess();
        var reader = Timing.Median(runs, () =>
        {
            using var d = read(path);
            _ = d.Points;
        });
        proc.Refresh();
        var mb = size / 1048576.0;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {name} | {Path.GetFileName(path)} | {mb:F0} | {baseline:F3} | {reader:F3} | {mb / reader:F0} | {reader / baseline:F2}x | {proc.PeakWorkingSet64 / 1048576.0:F0} |"));
    }
}
