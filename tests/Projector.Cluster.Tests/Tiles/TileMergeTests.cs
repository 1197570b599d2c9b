using System.Security.Cryptography;
using Projector.Cluster.Grains;
using Projector.Cluster.Jobs;
using Projector.Cluster.Tiles;
using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Publishing.Tiles;

namespace Projector.Cluster.Tests.Tiles;

public sealed class TileMergeTests : IDisposable
{
    private const int Rows = 20_000;
    private const int TilePoints = 256;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "projector-cluster-tests", Guid.NewGuid().ToString("N"));
    private readonly Dataset _dataset;
    private readonly float[] _positions;
    private readonly string _tsv;
    private readonly ClusterJob _job;

    public TileMergeTests()
    {
        Directory.CreateDirectory(_folder);
        // Seeded clusters in 2-d stand for a layout; their label column is carried into every tile.
        var (npy, tsv) = SyntheticInput.Write(_folder, "points", Rows, 2, 6, seed: 3);
        _dataset = DatasetReader.Read(npy, new ReadOptions { MetadataPath = tsv });
        _positions = _dataset.Matrix.ToArray();
        _tsv = tsv;
        var job = new ClusterJob { JobId = "merge", InputName = Path.GetFileName(npy), Method = "umap", Rows = Rows, Dimensions = 2 };
        _job = JobMetadata.Plan(tsv, MetadataTable.Empty(Rows), Rows, new List<string>()).ApplyTo(job);
    }

    public void Dispose()
    {
        _dataset.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Every_point_is_in_exactly_one_tile_within_the_tile_size_with_its_position_and_label()
    {
        var plan = TilePlan.Build(EveryNth(_positions, 20), Rows, TilePoints, seed: 9);
        var output = Merge("a", plan, shardRows: 1000);
        var manifest = TileSetReader.ReadManifest(output);

        Assert.Equal(Rows, manifest.Points);
        Assert.True(manifest.Levels >= 3, $"a {Rows}-point set of {TilePoints}-point tiles has levels below the root ({manifest.Levels})");
        var labels = _dataset.Metadata["label"]!;
        var seen = new bool[Rows];
        foreach (var tile in manifest.Tiles)
        {
            var contents = TileSetReader.ReadTile(output, manifest, tile.Key);
            Assert.InRange(contents.Ids.Count, 1, TilePoints);
            for (var i = 0; i < contents.Ids.Count; i++)
            {
                var row = (int)contents.Ids[i];
                Assert.False(seen[row], $"row {row} is in two tiles");
                seen[row] = true;
                Assert.Equal(_positions[2 * row], contents.Positions[2 * i]);
                Assert.Equal(_positions[(2 * row) + 1], contents.Positions[(2 * i) + 1]);
                Assert.Equal(labels[row], contents.Columns["label"][i]);
            }
        }

        Assert.All(seen, Assert.True);
        using var positions = DatasetReader.Read(Path.Combine(output, "positions.npy"), ReadOptions.Default);
        Assert.Equal(_positions, positions.Matrix.ToArray());
    }

    [Fact]
    public void The_coarse_tiles_hold_a_sample_of_the_whole_map()
    {
        var plan = TilePlan.Build(EveryNth(_positions, 20), Rows, TilePoints, seed: 9);
        var output = Merge("a", plan, shardRows: 1000);
        var manifest = TileSetReader.ReadManifest(output);
        var root = TileSetReader.ReadTile(output, manifest, new TileKey(0, 0, 0));

        // Every label (cluster) of the input shows in the root tile, and the root is well filled.
        var labels = _dataset.Metadata["label"]!;
        var all = Enumerable.Range(0, Rows).Select(r => labels[r]).Distinct().Count();
        Assert.Equal(all, root.Columns["label"].Distinct().Count());
        Assert.InRange(root.Ids.Count, TilePoints / 4, TilePoints);
    }

    [Fact]
    public void The_bytes_do_not_depend_on_how_the_rows_are_cut_into_shards_nor_on_a_shard_written_twice()
    {
        var plan = TilePlan.Build(EveryNth(_positions, 20), Rows, TilePoints, seed: 9);
        var small = Merge("small", plan, shardRows: 1000);
        var large = Merge("large", plan, shardRows: 7000, writeTwice: true);
        Assert.Equal(Files(small), Files(large));
    }

    [Fact]
    public void A_placement_far_denser_than_the_sample_still_fits_the_tile_size()
    {
        // The sample says the points are spread evenly over the square; in fact they crowd into one corner.
        var sample = new float[2 * 400];
        for (var i = 0; i < 400; i++)
        {
            (sample[2 * i], sample[(2 * i) + 1]) = (i % 20, i / 20);
        }

        for (var r = 0; r < Rows; r++)
        {
            _positions[2 * r] = 0.5f + (_positions[2 * r] * 1e-3f);
            _positions[(2 * r) + 1] = 0.5f + (_positions[(2 * r) + 1] * 1e-3f);
        }

        var plan = TilePlan.Build(sample, Rows, TilePoints, seed: 9);
        var output = Merge("crowded", plan, shardRows: 5000);
        var manifest = TileSetReader.ReadManifest(output);
        Assert.Equal(Rows, manifest.Tiles.Sum(t => t.Points));
        Assert.All(manifest.Tiles, t => Assert.InRange(t.Points, 1, TilePoints));
        var ids = manifest.Tiles.SelectMany(t => TileSetReader.ReadTile(output, manifest, t.Key).Ids).ToList();
        Assert.Equal(Rows, ids.Distinct().Count());
    }

    [Fact]
    public void Points_outside_the_planned_square_land_in_the_tile_at_its_edge()
    {
        var plan = TilePlan.Build(new float[] { 0, 0, 1, 1, 0, 1, 1, 0 }, 4, TilePoints, seed: 1);
        Assert.Equal(new TileKey(0, 0, 0), plan.TileOf(0, 1e30f, -1e30f));
        Assert.True(plan.MinX < 0 && plan.MinX + plan.Side > 1, "the sample's square is padded");
    }

    [Fact]
    public void Every_silo_derives_the_same_plan()
    {
        var sample = EveryNth(_positions, 20);
        var a = TilePlan.Build(sample, Rows, TilePoints, seed: 9);
        var b = TilePlan.Build(sample, Rows, TilePoints, seed: 9);
        Assert.Equal(a.SplitTiles, b.SplitTiles);
        for (var r = 0; r < Rows; r++)
        {
            Assert.Equal(a.TileOf(r, _positions[2 * r], _positions[(2 * r) + 1]), b.TileOf(r, _positions[2 * r], _positions[(2 * r) + 1]));
        }
    }

    private string Merge(string name, TilePlan plan, int shardRows, bool writeTwice = false)
    {
        var pieces = Path.Combine(_folder, name + "-pieces");
        Directory.CreateDirectory(pieces);
        var files = new List<string>();
        for (int start = 0, shard = 0; start < Rows; start += shardRows, shard++)
        {
            var count = Math.Min(shardRows, Rows - start);
            var slice = _positions.AsSpan(2 * start, 2 * count).ToArray();
            for (var time = 0; time < (writeTwice ? 2 : 1); time++)
            {
                var values = JobMetadata.Read(_job, _tsv, MetadataTable.Empty(Rows), start, count);
                ShardPieces.Write(pieces, shard, start, slice, values, plan, "test", TestContext.Current.CancellationToken);
            }

            files.Add(Path.Combine(pieces, ShardPieces.FileName(shard)));
        }

        Assert.Equal(files.Count, Directory.GetFiles(pieces).Length);
        var output = Path.Combine(_folder, name);
        Directory.CreateDirectory(output);
        TileMerge.Write(output, files, Rows, plan, "points", [.. _job.Columns.Select(c => c.ToTile())], new TileSetOptions { TilePoints = TilePoints, Seed = plan.Seed, LayoutName = "umap" }, "positions.npy", null, TestContext.Current.CancellationToken);
        return output;
    }

    private static float[] EveryNth(float[] positions, int n) =>
        [.. Enumerable.Range(0, positions.Length / 2).Where(i => i % n == 0).SelectMany(i => new[] { positions[2 * i], positions[(2 * i) + 1] })];

    internal static SortedDictionary<string, string> Files(string folder) =>
        new(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))), StringComparer.Ordinal);
}
