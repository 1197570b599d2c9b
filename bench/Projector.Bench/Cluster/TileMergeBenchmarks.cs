using System.Diagnostics;
using System.Globalization;
using Projector.Cluster.Grains;
using Projector.Cluster.Jobs;
using Projector.Cluster.Tiles;
using Projector.Core.Data;
using Projector.Core.Publishing.Tiles;

namespace Projector.Bench.Cluster;

/// <summary>
/// The tile set of N points written the two ways <c>projector cluster run</c> has had: the single tile
/// export on the client (<see cref="TileSetWriter"/>, every position gathered) against the shards cut on
/// the silos (<see cref="ShardPieces"/>, timed apart: it runs in parallel on the silos) and merged on the
/// client (<see cref="TileMerge"/>). Same points, labels and tile size; each step's wall time, CPU time
/// and the process's peak working set after it (the merge runs first, so the single export's peak shows
/// what it adds).
/// </summary>
internal static class TileMergeBenchmarks
{
    public static void Run(int points, int shardRows, int tilePoints, string dir, TextWriter output)
    {
        var random = new Random(5);
        var positions = new float[points * 2L];
        var labels = new string?[points];
        for (var i = 0; i < points; i++)
        {
            // 20 Gaussian clusters of unequal weight, as the cluster benchmark's layout looks.
            var c = (int)Math.Floor(Math.Sqrt(random.NextDouble() * 400));
            positions[2 * i] = (float)((c % 5 * 10) + Gaussian(random));
            positions[(2 * i) + 1] = (float)((c / 5 * 10) + Gaussian(random));
            labels[i] = "c" + c.ToString(CultureInfo.InvariantCulture);
        }

        using var dataset = new Dataset("bench", EmbeddingMatrix.FromArray(new float[points], points, 1), new MetadataTable(points, [new MetadataColumn("label", labels)]));
        var options = new TileSetOptions { TilePoints = tilePoints, Seed = 7, LayoutName = "umap" };
        var root = Path.Combine(dir, "tile-merge-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            output.WriteLine($"tile set of {points:N0} points, tiles of {tilePoints:N0}, shards of {shardRows:N0} rows (load {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
            var sample = new float[2 * (points / 200)];
            for (var i = 0; i < sample.Length / 2; i++)
            {
                sample[2 * i] = positions[2 * 200 * i];
                sample[(2 * i) + 1] = positions[(2 * 200 * i) + 1];
            }

            var plan = TilePlan.Build(sample, points, tilePoints, 7);
            var job = JobMetadata.Plan(null, dataset.Metadata, points, new List<string>()).ApplyTo(new ClusterJob { JobId = "bench", InputName = "bench.npy", Method = "umap", Rows = points, Dimensions = 1 });
            var pieces = Path.Combine(root, "pieces");
            Directory.CreateDirectory(pieces);
            var files = Step("cutting every shard (on the silos, in parallel there)", output, () =>
            {
                var written = new List<string>();
                for (int start = 0, shard = 0; start < points; start += shardRows, shard++)
                {
                    var count = Math.Min(shardRows, points - start);
                    var values = JobMetadata.Read(job, null, dataset.Metadata, start, count);
                    ShardPieces.Write(pieces, shard, start, positions.AsSpan(2 * start, 2 * count).ToArray(), values, plan, "umap", CancellationToken.None);
                    written.Add(Path.Combine(pieces, ShardPieces.FileName(shard)));
                }

                return written;
            });
            var merged = Path.Combine(root, "merged");
            Directory.CreateDirectory(merged);
            var manifest = Step("merge on the client (TileMerge, with positions.npy)", output, () => TileMerge.Write(merged, files, points, plan, "bench", [.. job.Columns.Select(c => c.ToTile())], options, "positions.npy", null, CancellationToken.None));
            output.WriteLine($"  {manifest.Tiles.Count} tiles, {manifest.Levels} levels, {plan.SplitTiles} split in the plan");
            var single = Path.Combine(root, "single");
            Directory.CreateDirectory(single);
            manifest = Step("single export on the client (TileSetWriter)", output, () =>
            {
                using var layout = EmbeddingMatrix.FromArray(positions, points, 2);
                return TileSetWriter.Write(single, dataset, layout, options);
            });
            output.WriteLine($"  {manifest.Tiles.Count} tiles, {manifest.Levels} levels");

        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

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
