using System.Diagnostics;
using System.Globalization;
using Projector.Cluster.Tiles;
using Projector.Core.Data;
using Projector.Core.Publishing.Tiles;

namespace Projector.Bench.Cluster;

/// <summary>
/// The tile set of N points written as <c>projector cluster run</c> writes it: the shards cut on the silos
/// (<see cref="ShardPieces"/>, timed apart: it runs in parallel on the silos) and merged on the client
/// (<see cref="TileMerge"/>), against the single tile export on one machine (<see cref="TileSetWriter"/>,
/// every position gathered; only up to 10M points, which it must hold). The points (20 Gaussian clusters
/// in 2-d, a label column) are generated shard by shard from per-shard seeds, so 100 million of them need
/// no more memory than one shard; each step's wall time, CPU time and the process's peak working set
/// after it. <c>--keep DIR</c> leaves the merged set in DIR (for the page's benchmark over it).
/// </summary>
internal static class TileMergeBenchmarks
{
    private const int Clusters = 20;

    public static void Run(int points, int shardRows, int tilePoints, string dir, string? keep, TextWriter output)
    {
        var options = new TileSetOptions { TilePoints = tilePoints, Seed = 7, LayoutName = "umap" };
        var root = Path.Combine(dir, "tile-merge-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            output.WriteLine($"tile set of {points:N0} points, tiles of {tilePoints:N0}, shards of {shardRows:N0} rows (load {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
            // The plan's sample: a draw of its own from the same mixture, as a job's sample is a subset of the same distribution.
            var sampleSize = Math.Min(1_000_000, Math.Max(1000, points / 200));
            var sample = new float[2 * sampleSize];
            Generate(new Random(-1), sample, null);
            var plan = TilePlan.Build(sample, points, tilePoints, 7);
            var labels = new TileColumnStats();
            for (var c = 0; c < Clusters; c++)
            {
                labels.Add(Label(c));
            }

            var columns = new[] { labels.Plan("label") };
            var pieces = Path.Combine(root, "pieces");
            Directory.CreateDirectory(pieces);
            var files = Step("cutting every shard (on the silos, in parallel there)", output, () =>
            {
                var written = new List<string>();
                for (int start = 0, shard = 0; start < points; start += shardRows, shard++)
                {
                    var count = Math.Min(shardRows, points - start);
                    var positions = new float[2 * count];
                    var values = new TileColumnValues(columns[0]);
                    Generate(new Random(shard), positions, values);
                    ShardPieces.Write(pieces, shard, start, positions, [values], plan, "umap", CancellationToken.None);
                    written.Add(Path.Combine(pieces, ShardPieces.FileName(shard)));
                }

                return written;
            });
            output.WriteLine($"  {files.Count} shard files, {files.Sum(f => new FileInfo(f).Length) >> 20} MB");
            var merged = keep ?? Path.Combine(root, "merged");
            Directory.CreateDirectory(merged);
            var manifest = Step("merge on the client (TileMerge, with positions.npy)", output, () => TileMerge.Write(merged, files, points, plan, "bench", columns, options, "positions.npy", null, CancellationToken.None));
            var bytes = Directory.EnumerateFiles(merged, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            output.WriteLine($"  {manifest.Tiles.Count} tiles, {manifest.Levels} levels, {plan.SplitTiles} split in the plan; {bytes >> 20} MB on disk with positions.npy; largest tile {manifest.Tiles.Max(t => t.Points):N0} points");
            Directory.Delete(pieces, recursive: true);
            if (points > 10_000_000)
            {
                return;
            }

            var single = Path.Combine(root, "single");
            Directory.CreateDirectory(single);
            manifest = Step("single export on one machine (TileSetWriter)", output, () =>
            {
                var all = new float[2L * points];
                var names = new string?[points];
                for (int start = 0, shard = 0; start < points; start += shardRows, shard++)
                {
                    var count = Math.Min(shardRows, points - start);
                    var values = new TileColumnValues(columns[0]);
                    Generate(new Random(shard), all.AsSpan(2 * start, 2 * count), values);
                    for (var i = 0; i < count; i++)
                    {
                        names[start + i] = columns[0].Values![values.Codes[i]];
                    }
                }

                using var dataset = new Dataset("bench", EmbeddingMatrix.FromArray(new float[points], points, 1), new MetadataTable(points, [new MetadataColumn("label", names)]));
                using var layout = EmbeddingMatrix.FromArray(all, points, 2);
                return TileSetWriter.Write(single, dataset, layout, options);
            });
            output.WriteLine($"  {manifest.Tiles.Count} tiles, {manifest.Levels} levels");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    // Points of 20 Gaussian clusters of unequal weight (as the cluster benchmark's layout looks) into
    // positions (x, y), their labels appended to values.
    private static void Generate(Random random, Span<float> positions, TileColumnValues? values)
    {
        for (var i = 0; i < positions.Length / 2; i++)
        {
            var c = (int)Math.Floor(Math.Sqrt(random.NextDouble() * Clusters * Clusters));
            positions[2 * i] = (float)((c % 5 * 10) + Gaussian(random));
            positions[(2 * i) + 1] = (float)((c / 5 * 10) + Gaussian(random));
            values?.Add(Label(c));
        }
    }

    private static string Label(int c) => "c" + c.ToString(CultureInfo.InvariantCulture);

    private static T Step<T>(string name, TextWriter output, Func<T> work)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = work();
        var wall = clock.Elapsed;
        using var process = Process.GetCurrentProcess();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {wall.TotalSeconds:F1} s wall, {(process.TotalProcessorTime - cpu).TotalSeconds:F1} CPU-s, peak working set so far {process.PeakWorkingSet64 >> 20} MB"));
        return result;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
