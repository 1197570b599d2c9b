using System.Globalization;
using Projector.Core.Publishing.Tiles;

namespace Projector.Cli.Tests.Commands;

public sealed class ExportTilesTests
{
    [Fact]
    public void Tiles_from_a_computed_layout_carry_every_point_once_and_leave_no_temporary_folder()
    {
        using var dir = new TempDir();
        var input = Vectors(dir, 3_000, 4);
        var labels = dir.Write("labels.tsv", string.Join('\n', Enumerable.Range(0, 3_000).Select(i => $"k{i % 5}")) + "\n");
        var run = CliRun.Of("export", input, "--metadata", labels, "--format", "tiles", "--out", dir.File("tiles"), "--layout", "pca", "--tile-points", "400", "--seed", "5");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("3,000 points in", run.Out, StringComparison.Ordinal);
        var manifest = TileSetReader.ReadManifest(dir.File("tiles"));
        Assert.Equal((3_000, 400, 5, "pca"), (manifest.Points, manifest.TilePoints, manifest.Seed, manifest.Layout));
        var ids = manifest.Tiles.SelectMany(t => TileSetReader.ReadTile(dir.File("tiles"), manifest, t.Key).Ids).Order().ToList();
        Assert.Equal(Enumerable.Range(0, 3_000).Select(i => (uint)i), ids);
        Assert.Equal(["labels.tsv", "tiles", "v.tsv"], Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Tiles_from_a_layout_file_keep_its_positions()
    {
        using var dir = new TempDir();
        var input = Vectors(dir, 1_000, 3);
        var layout = dir.Write("layout.tsv", string.Join('\n', Enumerable.Range(0, 1_000).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i % 37}\t{i / 37}"))) + "\n");
        var run = CliRun.Of("export", input, "--format", "tiles", "--out", dir.File("t"), "--layout", layout, "--tile-points", "100");
        Assert.Equal(0, run.ExitCode);
        var manifest = TileSetReader.ReadManifest(dir.File("t"));
        Assert.Equal("layout.tsv", manifest.Layout);
        Assert.Equal([0, 0, 36, 27], manifest.DataBounds);
        var root = TileSetReader.ReadTile(dir.File("t"), manifest, new TileKey(0, 0, 0));
        var row = (int)root.Ids[0];
        Assert.Equal(((float)(row % 37), (float)(row / 37)), (root.Positions[0], root.Positions[1]));
    }

    [Theory]
    [InlineData("--tile-points", "10", "--tile-points must be at least")]
    [InlineData("--layout", "nowhere.npy", "is not tsne, umap or pca")]
    [InlineData("--columns", "missing", "no metadata column 'missing'")]
    [InlineData("--layouts", "pca", "--layouts applies to --format site only")]
    public void Bad_arguments_are_one_line_with_exit_code_2_and_write_nothing(string flag, string value, string message)
    {
        using var dir = new TempDir();
        var input = Vectors(dir, 50, 2);
        var run = CliRun.Of("export", input, "--format", "tiles", "--out", dir.File("t"), flag, value);
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("t")));
    }

    [Fact]
    public void Tile_options_with_another_format_and_a_layout_of_another_size_are_refused()
    {
        using var dir = new TempDir();
        var input = Vectors(dir, 50, 2);
        var run = CliRun.Of("export", input, "--format", "standalone", "--out", dir.File("o"), "--tile-points", "100");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--tile-points applies to --format tiles only", run.Error, StringComparison.Ordinal);

        var layout = dir.Write("short.tsv", "1\t2\n3\t4\n");
        run = CliRun.Of("export", input, "--format", "tiles", "--out", dir.File("t"), "--layout", layout);
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Contains("short.tsv", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("t")));
    }

    [Fact]
    public void A_non_empty_target_is_kept_and_ctrl_c_leaves_nothing()
    {
        using var dir = new TempDir();
        var input = Vectors(dir, 200, 2);
        dir.Write("t/mine.txt", "keep");
        var run = CliRun.Of("export", input, "--format", "tiles", "--out", dir.File("t"), "--layout", "pca");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is not empty", run.Error, StringComparison.Ordinal);
        Assert.Equal(["mine.txt"], Directory.EnumerateFileSystemEntries(dir.File("t")).Select(Path.GetFileName));

        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CliApp.Run(["export", input, "--format", "tiles", "--out", dir.File("u"), "--layout", "pca"], stdout, stderr, cancellationToken: cancel.Token);
        Assert.Equal(130, code);
        Assert.Equal(["t", "v.tsv"], Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private static string Vectors(TempDir dir, int n, int d)
    {
        var rng = new Random(n);
        var lines = Enumerable.Range(0, n).Select(_ => string.Join('\t', Enumerable.Range(0, d).Select(_ => rng.NextDouble().ToString("R", CultureInfo.InvariantCulture))));
        return dir.Write("v.tsv", string.Join('\n', lines) + "\n");
    }
}
