using Projector.Core.Publishing.Tiles;

namespace Projector.Core.Tests.Publishing.Tiles;

public sealed class TileSetWriterTests
{
    private const int Points = 30_000;
    private const int TilePoints = 2_000;

    [Fact]
    public void Every_point_lives_in_exactly_one_tile_and_no_tile_is_over_the_limit()
    {
        using var dir = new TempDir();
        var (dataset, layout) = TileTestData.Clusters(Points);
        var manifest = TileSetWriter.Write(dir.Path, dataset, layout, new TileSetOptions { TilePoints = TilePoints });
        var seen = new bool[Points];
        long total = 0;
        foreach (var tile in manifest.Tiles)
        {
            Assert.InRange(tile.Points, 1, TilePoints);
            var contents = TileSetReader.ReadTile(dir.Path, manifest, tile.Key);
            Assert.Equal(tile.Points, contents.Ids.Count);
            foreach (var id in contents.Ids)
            {
                Assert.False(seen[id], $"row {id} is in two tiles");
                seen[id] = true;
            }

            total += contents.Ids.Count;
        }

        Assert.Equal(Points, total);
        Assert.All(seen, Assert.True);
        Assert.Equal(Points, manifest.Points);
        Assert.True(manifest.Levels >= 3, $"{manifest.Levels} levels");
    }

    [Fact]
    public void A_tile_holds_the_positions_and_metadata_of_its_rows_inside_its_bounds()
    {
        using var dir = new TempDir();
        var (dataset, layout) = TileTestData.Clusters(Points);
        var manifest = TileSetWriter.Write(dir.Path, dataset, layout, new TileSetOptions { TilePoints = TilePoints });
        var positions = layout.ToArray();
        Assert.Equal(["x", "y", "id", "group", "score", "text"], manifest.Columns.Select(c => c.Name));
        Assert.Equal(TileColumnType.Dictionary, manifest.Columns[3].Type);
        Assert.Equal(["dense", "sparse"], manifest.Columns[3].Values);
        Assert.Equal(TileColumnType.Float64, manifest.Columns[4].Type);
        Assert.Equal(TileColumnType.Utf8, manifest.Columns[5].Type);
        foreach (var tile in manifest.Tiles)
        {
            var contents = TileSetReader.ReadTile(dir.Path, manifest, tile.Key);
            var side = manifest.Side / (1 << tile.Key.Level);
            for (var i = 0; i < contents.Ids.Count; i++)
            {
                var row = (int)contents.Ids[i];
                var (x, y) = (contents.Positions[i * 2], contents.Positions[(i * 2) + 1]);
                Assert.Equal(positions[row * 2], x);
                Assert.Equal(positions[(row * 2) + 1], y);
                Assert.InRange(x, manifest.MinX + (tile.Key.X * side) - 1e-4, manifest.MinX + ((tile.Key.X + 1) * side) + 1e-4);
                Assert.InRange(y, manifest.MinY + (tile.Key.Y * side) - 1e-4, manifest.MinY + ((tile.Key.Y + 1) * side) + 1e-4);
                Assert.Equal(dataset.Metadata["group"]![row], contents.Columns["group"][i]);
                Assert.Equal(dataset.Metadata["text"]![row], contents.Columns["text"][i]);
                Assert.Equal(double.Parse(dataset.Metadata["score"]![row]!, System.Globalization.CultureInfo.InvariantCulture), double.Parse(contents.Columns["score"][i]!, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    [Fact]
    public void The_coarse_levels_cover_every_occupied_region_and_thin_the_dense_one()
    {
        using var dir = new TempDir();
        var (dataset, layout) = TileTestData.Clusters(Points);
        var manifest = TileSetWriter.Write(dir.Path, dataset, layout, new TileSetOptions { TilePoints = TilePoints });
        var positions = layout.ToArray();
        var root = TileSetReader.ReadTile(dir.Path, manifest, new TileKey(0, 0, 0));

        // Each cell of the root's sampling grid that holds any point holds a point of the root tile.
        var g = 16;
        var scale = g / manifest.Side;
        int Cell(float x, float y) => (Math.Clamp((int)((y - manifest.MinY) * scale), 0, g - 1) * g) + Math.Clamp((int)((x - manifest.MinX) * scale), 0, g - 1);
        var occupied = Enumerable.Range(0, Points).Select(r => Cell(positions[r * 2], positions[(r * 2) + 1])).ToHashSet();
        var sampled = Enumerable.Range(0, root.Ids.Count).Select(i => Cell(root.Positions[i * 2], root.Positions[(i * 2) + 1])).ToHashSet();
        Assert.Subset(sampled, occupied);
        Assert.Superset(occupied, sampled);

        // The sparse tenth of the points keeps a far larger share of the root than of the input.
        var sparse = root.Ids.Count(id => id % 10 == 0);
        Assert.True(sparse > root.Ids.Count / 4, $"{sparse} sparse points of {root.Ids.Count} in the root tile");
        Assert.True(root.Ids.Count > TilePoints * 0.9, $"the root tile holds {root.Ids.Count} points");
    }

    [Fact]
    public void The_same_seed_gives_the_same_bytes_and_another_seed_another_sample()
    {
        using var dir = new TempDir();
        var (dataset, layout) = TileTestData.Clusters(Points);
        var options = new TileSetOptions { TilePoints = TilePoints, Seed = 7 };
        TileSetWriter.Write(dir.File("a"), dataset, layout, options);
        TileSetWriter.Write(dir.File("b"), dataset, layout, options);
        TileSetWriter.Write(dir.File("c"), dataset, layout, options with { Seed = 8 });
        Assert.Equal(Files(dir.File("a")), Files(dir.File("b")));
        Assert.NotEqual(File.ReadAllBytes(dir.File("a/0/0/0.arrow")), File.ReadAllBytes(dir.File("c/0/0/0.arrow")));
    }

    [Fact]
    public void Few_points_make_a_single_root_tile()
    {
        using var dir = new TempDir();
        var (dataset, layout) = TileTestData.Clusters(500);
        var manifest = TileSetWriter.Write(dir.Path, dataset, layout, new TileSetOptions { TilePoints = 1000 });
        Assert.Equal([new TileInfo(new TileKey(0, 0, 0), 500)], manifest.Tiles);
        Assert.Equal(1, manifest.Levels);
    }

    [Fact]
    public void A_non_finite_position_or_too_many_points_in_one_place_is_refused()
    {
        using var dir = new TempDir();
        var (dataset, layout) = TileTestData.Clusters(300);
        var values = layout.ToArray();
        values[41] = float.NaN;
        var e = Assert.Throws<DataFormatException>(() => TileSetWriter.Write(dir.File("nan"), dataset, Projector.Core.Data.EmbeddingMatrix.FromArray(values, 300, 2), new TileSetOptions { LayoutName = "layout.npy" }));
        Assert.Contains("row 20", e.Message, StringComparison.Ordinal);
        Assert.Contains("layout.npy", e.Message, StringComparison.Ordinal);

        // Each level's tile takes a full sample even there, so only over 25 tiles' worth at one spot is too many.
        var (many, _) = TileTestData.Clusters(2_000);
        var same = Projector.Core.Data.EmbeddingMatrix.FromArray(new float[4_000], 2_000, 2);
        e = Assert.Throws<DataFormatException>(() => TileSetWriter.Write(dir.File("same"), many, same, new TileSetOptions { TilePoints = 64 }));
        Assert.Contains("share one position", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_export_is_atomic_and_leaves_nothing_when_cancelled()
    {
        using var dir = new TempDir();
        var (dataset, layout) = TileTestData.Clusters(Points);
        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress(p =>
        {
            if (p.Progress.Done > Points / 2)
            {
                cts.Cancel();
            }
        });
        Assert.ThrowsAny<OperationCanceledException>(() => TileExport.Write(dir.File("out"), dataset, layout, new TileSetOptions { TilePoints = TilePoints }, progress: progress, cancellationToken: cts.Token));
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));

        var (manifest, summary) = TileExport.Write(dir.File("out"), dataset, layout, new TileSetOptions { TilePoints = TilePoints });
        // Every tile, tiles.json, and positions.npy: each row's position in row order, for a server to locate rows.
        Assert.Equal(manifest.Tiles.Count + 2, summary.Files.Count);
        using (var positions = Projector.Core.Formats.DatasetReader.Read(dir.File("out/positions.npy"), Projector.Core.Formats.ReadOptions.Default))
        {
            Assert.Equal(layout.ToArray(), positions.Matrix.ToArray());
        }

        Assert.Equal(manifest, TileSetReader.ReadManifest(dir.File("out")) with { Columns = manifest.Columns, Tiles = manifest.Tiles, DataBounds = manifest.DataBounds });
        Assert.Equal(manifest.Tiles, TileSetReader.ReadManifest(dir.File("out/tiles.json")).Tiles);
    }

    private static Dictionary<string, string> Files(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));

    private sealed class SyncProgress(Action<StageProgress> report) : IProgress<StageProgress>
    {
        public void Report(StageProgress value) => report(value);
    }
}
