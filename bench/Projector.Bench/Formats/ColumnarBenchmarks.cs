using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.Parquet;

namespace Projector.Bench.Formats;

/// <summary>
/// Read speed and memory of <see cref="ParquetDatasetReader.Read"/> on a large file of float32 vectors (written
/// once by <see cref="ParquetDatasetWriter.Write"/>, seeded), next to <see cref="File.ReadAllBytes(string)"/> of
/// the same file in the same run. The peak working set is sampled while the reads run, so the memory
/// that generated the file does not count.
/// </summary>
internal static class ColumnarBenchmarks
{
    public static void Run(string dir, int rows, int dims, int runs, TextWriter output)
    {
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"bench_{rows}x{dims}.parquet");
        if (!File.Exists(path))
        {
            using var m = ReadBenchmarks.Generate(rows, dims);
            using var ds = new Dataset("bench", m);
            var write = Stopwatch.StartNew();
            ParquetDatasetWriter.Write(path, ds, default);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# wrote {path} ({rows} x {dims}) in {write.Elapsed.TotalSeconds:F2} s"));
        }

        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var mb = new FileInfo(path).Length / 1048576.0;
        var decodedMb = (double)rows * dims * sizeof(float) / 1048576.0;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# parquet read: {rows} x {dims} float32 ({decodedMb:F0} MB decoded), file {mb:F0} MB, median of {runs} runs, {Environment.ProcessorCount} cores"));
        var baseline = Timing.Median(runs, () => { _ = File.ReadAllBytes(path); });
        var before = Process.GetCurrentProcess().WorkingSet64;
        using var sampler = new PeakSampler();
        var read = Timing.Median(runs, () =>
        {
            using var ds = ParquetDatasetReader.Read(path, ReadOptions.Default);
            _ = ds.Points;
        });
        var peak = sampler.Stop();
        var (childPeak, childSeconds) = ReadInFreshProcess(path);
        output.WriteLine("| what | s | MB/s of file | vs ReadAllBytes |");
        output.WriteLine("|---|---|---|---|");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| File.ReadAllBytes | {baseline:F3} | {mb / baseline:F0} | 1.00x |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| ParquetDatasetReader.Read | {read:F3} | {mb / read:F0} | {read / baseline:F2}x |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# working set before the reads {before / 1048576.0:F0} MB; peak during the reads {peak / 1048576.0:F0} MB"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# one read in a fresh process: {childSeconds:F3} s, peak working set {childPeak / 1048576.0:F0} MB ({childPeak / 1048576.0 / decodedMb:F2}x the decoded matrix)"));
    }

    /// <summary>The <c>parquet-once</c> verb: one read in this process, then its peak working set and time on one line.</summary>
    public static void ReadOnce(string path, TextWriter output)
    {
        var watch = Stopwatch.StartNew();
        using (var ds = ParquetDatasetReader.Read(path, ReadOptions.Default))
        {
            _ = ds.Points;
        }

        var seconds = watch.Elapsed.TotalSeconds;
        using var process = Process.GetCurrentProcess();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{process.PeakWorkingSet64} {seconds}"));
    }

    /// <summary>Peak working set of a process that does nothing but one read: the figure a user of the CLI sees.</summary>
    private static (long Peak, double Seconds) ReadInFreshProcess(string path)
    {
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ColumnarBenchmarks).Assembly.Location);
        }

        start.ArgumentList.Add("parquet-once");
        start.ArgumentList.Add(path);
        using var child = Process.Start(start)!;
        var line = child.StandardOutput.ReadToEnd().Trim().Split(' ');
        child.WaitForExit();
        return (long.Parse(line[0], CultureInfo.InvariantCulture), double.Parse(line[1], CultureInfo.InvariantCulture));
    }

    /// <summary>Polls the process working set every few milliseconds and keeps the largest value.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;
        private long _peak;

        public PeakSampler()
        {
            _thread = new Thread(() =>
            {
                using var process = Process.GetCurrentProcess();
                while (!_stop)
                {
                    process.Refresh();
                    _peak = Math.Max(_peak, process.WorkingSet64);
                    Thread.Sleep(5);
                }
            })
            { IsBackground = true };
            _thread.Start();
        }

        public long Stop()
        {
            _stop = true;
            _thread.Join();
            return _peak;
        }

        public void Dispose() => Stop();
    }
}
