using System.Text.Json;
using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Publishing.Export;

namespace Projector.Core.Tests.Publishing.Export;

public sealed class DatasetExportTests
{
    [Fact]
    public void Standalone_export_reads_back_through_our_reader_with_the_page_fields()
    {
        using var dir = new TempDir();
        using var d = ExportTestData.Clusters(sprite: true);
        var target = dir.File("standalone");
        var summary = DatasetExport.Write(target, ExportFormat.Standalone, [d]);
        Assert.Equal(["clusters.bytes", "clusters_metadata.tsv", "clusters_sprite.png", "projector_config.json"], summary.Files.Select(f => f.Path));
        Assert.Equal(60L * 6 * 4, summary.Files[0].Bytes);

        using var back = Assert.Single(DatasetReader.ReadAll(target, ReadOptions.Default));
        Assert.Equal(d.Matrix.ToArray(), back.Matrix.ToArray());
        Assert.Equal(["category", "score"], back.Metadata.Columns.Select(c => c.Name));
        Assert.Equal(d.Metadata["category"]!.Values, back.Metadata["category"]!.Values);
        Assert.Equal(d.Sprite!.GetImage().Pixels, back.Sprite!.GetImage().Pixels);

        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(target, "projector_config.json")));
        var e = Assert.Single(doc.RootElement.GetProperty("embeddings").EnumerateArray());
        Assert.Equal(JsonValueKind.String, e.GetProperty("tensorName").ValueKind);
        Assert.Equal([60, 6], e.GetProperty("tensorShape").EnumerateArray().Select(x => x.GetInt32()));
        Assert.EndsWith(".bytes", e.GetProperty("tensorPath").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.String, e.GetProperty("metadataPath").ValueKind);
        var sprite = e.GetProperty("sprite");
        Assert.Equal(JsonValueKind.String, sprite.GetProperty("imagePath").ValueKind);
        Assert.Equal([4, 4], sprite.GetProperty("singleImageDim").EnumerateArray().Select(x => x.GetInt32()));
        Assert.False(e.TryGetProperty("bookmarksPath", out _));

        // Two columns: a header line, then one line per point.
        var lines = File.ReadAllLines(Path.Combine(target, "clusters_metadata.tsv"));
        Assert.Equal(61, lines.Length);
        Assert.Equal("category\tscore", lines[0]);
    }

    [Fact]
    public void Standalone_metadata_of_one_column_has_no_header_and_bookmarks_are_kept()
    {
        using var dir = new TempDir();
        var bookmarks = dir.Write("b.json", """[{"label":"first view","selectedPoints":[1,2]}]""");
        using var plain = ExportTestData.Clusters(columns: 1);
        using var d = new Dataset("with bookmarks", plain.Matrix, plain.Metadata) { BookmarksPath = bookmarks };
        var target = dir.File("out");
        DatasetExport.Write(target, ExportFormat.Standalone, [d]);
        var lines = File.ReadAllLines(Path.Combine(target, "with_bookmarks_metadata.tsv"));
        Assert.Equal(60, lines.Length);
        Assert.Equal("group a", lines[0]);

        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(target, "projector_config.json")));
        var e = doc.RootElement.GetProperty("embeddings")[0];
        var path = e.GetProperty("bookmarksPath").GetString()!;
        Assert.Equal(File.ReadAllText(bookmarks), File.ReadAllText(Path.Combine(target, path)));
        using var back = Assert.Single(DatasetReader.ReadAll(target, ReadOptions.Default));
        Assert.NotNull(back.BookmarksPath);
    }

    [Fact]
    public void TensorBoard_export_reads_back_through_our_reader()
    {
        using var dir = new TempDir();
        using var d = ExportTestData.Clusters(sprite: true);
        var target = dir.File("logs");
        var summary = DatasetExport.Write(target, ExportFormat.TensorBoard, [d]);
        Assert.Contains(summary.Files, f => f.Path == "projector_config.pbtxt");
        Assert.Contains(summary.Files, f => f.Path == "checkpoint");
        Assert.Contains(summary.Files, f => f.Path.EndsWith(".index", StringComparison.Ordinal));
        using var back = Assert.Single(DatasetReader.ReadAll(target, ReadOptions.Default));
        Assert.Equal(d.Matrix.ToArray(), back.Matrix.ToArray());
        Assert.Equal(d.Metadata["score"]!.Values, back.Metadata["score"]!.Values);
        Assert.Equal(d.Sprite!.GetImage().Pixels, back.Sprite!.GetImage().Pixels);
    }

    [Fact]
    public void Repeated_names_get_unique_ones_so_a_log_can_hold_them()
    {
        using var dir = new TempDir();
        using var a = ExportTestData.Clusters(seed: 1, name: "emb");
        using var b = ExportTestData.Clusters(seed: 2, name: "emb");
        DatasetExport.Write(dir.File("logs"), ExportFormat.TensorBoard, [a, b]);
        var back = DatasetReader.ReadAll(dir.File("logs"), ReadOptions.Default);
        try
        {
            Assert.Equal(2, back.Count);
            Assert.Equal(2, back.Select(x => x.Name).Distinct().Count());
        }
        finally
        {
            foreach (var x in back)
            {
                x.Dispose();
            }
        }
    }

    [Fact]
    public void A_sprite_over_8192_pixels_is_retiled_into_the_square_grid()
    {
        // 60 tiles of 150 x 4 in one row: 9000 px wide, over the pages' limit; the square grid is 8 x 8 tiles.
        var row = new Core.Data.RgbaImage(9000, 4);
        for (var i = 0; i < 60; i++)
        {
            for (var x = 0; x < 150; x++)
            {
                for (var y = 0; y < 4; y++)
                {
                    var p = row.Pixel((i * 150) + x, y);
                    p[0] = (byte)i;
                    p[3] = 255;
                }
            }
        }

        using var dir = new TempDir();
        using var plain = ExportTestData.Clusters();
        using var d = new Dataset("wide", plain.Matrix, plain.Metadata, new SpriteSheet(row, 150, 4));
        DatasetExport.Write(dir.File("out"), ExportFormat.Standalone, [d]);
        using var back = Assert.Single(DatasetReader.ReadAll(dir.File("out"), ReadOptions.Default));
        var sheet = back.Sprite!;
        Assert.Equal((1200, 32, 150, 4), (sheet.Width, sheet.Height, sheet.TileWidth, sheet.TileHeight));
        var image = sheet.GetImage();
        for (var i = 0; i < 60; i++)
        {
            Assert.Equal(i, image.Pixel((i % 8 * 150) + 75, (i / 8 * 4) + 2)[0]);
        }
    }
}
