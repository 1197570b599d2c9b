using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using Projector.Core.Formats;
using Projector.Core.Publishing.Export;

namespace Projector.Cli.Tests.Commands;

public sealed class ExportCommandTests
{
    [Fact]
    public void Standalone_export_of_the_mnist_demo_reads_back_with_labels_and_sprite()
    {
        using var dir = new TempDir();
        var target = dir.File("mnist");
        var run = CliRun.Of("export", "demo:mnist", "--format", "standalone", "--out", target);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("total", run.Out, StringComparison.Ordinal);
        Assert.Contains("31,360,000", run.Out, StringComparison.Ordinal);
        using var back = Assert.Single(DatasetReader.ReadAll(target, ReadOptions.Default));
        using var demo = DatasetReader.Read("demo:mnist", ReadOptions.Default);
        Assert.Equal((10000, 784), (back.Points, back.Dimensions));
        Assert.Equal(demo.Matrix.Row(1234).ToArray(), back.Matrix.Row(1234).ToArray());
        Assert.Equal(demo.Metadata["label"]!.Values, back.Metadata["label"]!.Values);
        Assert.Equal((2800, 2800, 28, 28), (back.Sprite!.Width, back.Sprite.Height, back.Sprite.TileWidth, back.Sprite.TileHeight));

        // One column: no header line, one line per point.
        var metadata = Directory.GetFiles(target, "*.tsv").Single();
        Assert.Equal(10000, File.ReadAllLines(metadata).Length);
        Assert.True(File.Exists(Path.Combine(target, ExportManifest.FileName)));
    }

    [Fact]
    public void TensorBoard_export_reads_back_through_the_reader()
    {
        using var dir = new TempDir();
        var input = dir.Write("v.tsv", "cat\t1\t2\ndog\t3\t4\nemu\t5\t6\n");
        Assert.Equal(0, CliRun.Of("export", input, "--format", "tensorboard", "-o", dir.File("logs")).ExitCode);
        Assert.True(File.Exists(dir.File("logs/projector_config.pbtxt")));
        using var back = Assert.Single(DatasetReader.ReadAll(dir.File("logs"), ReadOptions.Default));
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, back.Matrix.ToArray());
        Assert.Equal(["cat", "dog", "emu"], back.Metadata.Columns[0].Values);
    }

    [Fact]
    public void Site_export_writes_the_page_and_the_data_and_reports_sizes()
    {
        using var dir = new TempDir();
        var input = Vectors(dir, 40, 3);
        var page = PageFolder(dir);
        var site = dir.File("site");
        var run = CliRun.Of("export", input, "--out", site, "--layouts", "pca", "--neighbors", "5", "--neighbor-metric", "euclidean", "--page", page);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("<!doctype html>", File.ReadAllText(Path.Combine(site, "index.html")));
        Assert.True(File.Exists(Path.Combine(site, "site.json")));
        var id = "v";
        Assert.Equal(40 * 3 * 4, new FileInfo(Path.Combine(site, "data", id, "matrix.f32")).Length);
        Assert.Equal(40 * 3 * 4, new FileInfo(Path.Combine(site, "data", id, "layout-pca.f32")).Length);
        Assert.Equal(40 * 5 * 8, new FileInfo(Path.Combine(site, "data", id, "neighbors-euclidean-k5", "0.bin")).Length);
        Assert.Contains($"data/{id}/neighbors-euclidean-k5/0.bin", run.Out, StringComparison.Ordinal);
        var total = Directory.EnumerateFiles(site, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(ExportManifest.FileName, StringComparison.Ordinal)).Sum(f => new FileInfo(f).Length);
        Assert.Contains(total.ToString("N0", CultureInfo.InvariantCulture), run.Out, StringComparison.Ordinal);
        using var catalog = JsonDocument.Parse(File.ReadAllText(Path.Combine(site, "data", "datasets.json")));
        Assert.Equal(id, catalog.RootElement[0].GetProperty("id").GetString());
        Assert.Equal("v.tsv", catalog.RootElement[0].GetProperty("source").GetString());
    }

    [Fact]
    public void Site_export_without_a_built_page_says_to_build_in_one_line()
    {
        using var dir = new TempDir();
        var input = Vectors(dir, 10, 2);
        var run = CliRun.Of("export", input, "--out", dir.File("site"), "--page", dir.File("no-page"));
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Contains("not built", run.Error, StringComparison.Ordinal);
        Assert.Contains("dotnet build", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("site")));
    }

    [Fact]
    public void A_non_empty_target_is_refused_and_force_replaces_only_an_earlier_export()
    {
        using var dir = new TempDir();
        var input = Vectors(dir, 12, 2);
        var target = dir.File("out");
        dir.Write("out/notes.txt", "mine");
        var refused = CliRun.Of("export", input, "--format", "standalone", "--out", target);
        Assert.Equal(2, refused.ExitCode);
        Assert.Single(refused.Error.TrimEnd().Split('\n'));
        Assert.Contains("not empty", refused.Error, StringComparison.Ordinal);
        Assert.Equal(2, CliRun.Of("export", input, "--format", "standalone", "--out", target, "--force").ExitCode);
        Assert.Equal(["notes.txt"], Directory.GetFiles(target).Select(Path.GetFileName));

        var mine = dir.File("mine");
        Assert.Equal(0, CliRun.Of("export", input, "--format", "standalone", "--out", mine).ExitCode);
        Assert.Equal(2, CliRun.Of("export", input, "--format", "standalone", "--out", mine).ExitCode);
        var other = Vectors(dir, 7, 2, "w.tsv");
        Assert.Equal(0, CliRun.Of("export", other, "--format", "standalone", "--out", mine, "--force").ExitCode);
        Assert.False(File.Exists(Path.Combine(mine, "v.bytes")));
        Assert.Equal(7 * 2 * 4, new FileInfo(Path.Combine(mine, "w.bytes")).Length);
        Assert.Equal(["mine", "out", "v.tsv", "w.tsv"], Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_sprite_that_cannot_fit_even_with_one_pixel_tiles_is_exit_2_with_one_line()
    {
        // 8193² points need an 8193 x 8193 grid: over 8192 px even at 1 px a tile. The vectors are a sparse
        // file (memory-mapped, never read in full) and the sprite a PNG header that is never decoded.
        using var dir = new TempDir();
        const long n = 8193L * 8193;
        using (var f = File.Create(dir.File("big.bytes")))
        {
            f.SetLength(n * 4);
        }

        File.WriteAllBytes(dir.File("sprite.png"), PngHeader(8193, 8193));
        var config = "{\"embeddings\":[{\"tensorName\":\"big\",\"tensorShape\":[" + n.ToString(CultureInfo.InvariantCulture)
            + ",1],\"tensorPath\":\"big.bytes\",\"sprite\":{\"imagePath\":\"sprite.png\",\"singleImageDim\":[1,1]}}]}";
        dir.Write("projector_config.json", config);
        var run = CliRun.Of("export", dir.File("projector_config.json"), "--format", "standalone", "--out", dir.File("out"));
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Contains("even with 1x1 tiles", run.Error, StringComparison.Ordinal);
        Assert.Equal(["big.bytes", "projector_config.json", "sprite.png"], Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Cancelling_a_forced_site_export_midway_leaves_the_earlier_export_and_no_temporary_folder()
    {
        using var dir = new TempDir();
        var page = PageFolder(dir);
        var site = dir.File("site");
        Assert.Equal(0, CliRun.Of("export", Vectors(dir, 20, 3), "--out", site, "--layouts", "pca", "--neighbors", "3", "--page", page).ExitCode);
        var before = Directory.GetFiles(site, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();

        // The MNIST demo's all-points neighbour search takes seconds: the cancel lands in the middle of the export.
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1.5));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CliApp.Run(["export", "demo:mnist", "--out", site, "--force", "--layouts", "pca", "--page", page], stdout, stderr, cancellationToken: cancel.Token);
        Assert.Equal(130, code);
        var after = Directory.GetFiles(site, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        Assert.Equal(before, after);
        Assert.Equal(["page", "site", "v.tsv"], Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Site_options_with_another_format_are_refused()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("export", Vectors(dir, 5, 2), "--format", "standalone", "--out", dir.File("o"), "--layouts", "pca");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--layouts", run.Error, StringComparison.Ordinal);
    }

    private static string Vectors(TempDir dir, int n, int d, string name = "v.tsv")
    {
        var rng = new Random(n);
        var lines = Enumerable.Range(0, n).Select(_ => string.Join('\t', Enumerable.Range(0, d).Select(_ => rng.NextDouble().ToString("R", CultureInfo.InvariantCulture))));
        return dir.Write(name, string.Join('\n', lines) + "\n");
    }

    private static string PageFolder(TempDir dir)
    {
        dir.Write("page/index.html", "<!doctype html>");
        return dir.File("page");
    }

    private static byte[] PngHeader(int width, int height)
    {
        var bytes = new byte[8 + 25 + 12];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), 13);
        "IHDR"u8.CopyTo(bytes.AsSpan(12));
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), height);
        bytes[24] = 8;
        bytes[25] = 6;
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(29), Crc32(bytes.AsSpan(12, 17)));
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(37), 0x49454E44);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(41), Crc32("IEND"u8));
        return bytes;
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
