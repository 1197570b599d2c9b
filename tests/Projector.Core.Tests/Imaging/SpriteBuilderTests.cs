using Projector.Core.Data;
using Projector.Core.Imaging;
using Projector.Core.Imaging.Png;

namespace Projector.Core.Tests.Imaging;

public sealed class SpriteBuilderTests
{
    [Fact]
    public void FromPixelRows_places_tile_i_at_column_i_mod_side_and_row_i_div_side()
    {
        // 7 tiles of 3x2: a 3x3 grid; tile i is filled with the value 10 * (i + 1).
        var rows = Enumerable.Range(0, 7).Select(i => Enumerable.Repeat(10f * (i + 1), 6).ToArray()).ToArray();
        var result = SpriteBuilder.FromPixelRows(rows.Length, i => rows[i], 3, 2, cancellationToken: Ct);
        var image = result.Sheet.GetImage();
        Assert.Equal((9, 6, 3, 2), (image.Width, image.Height, result.Sheet.TileWidth, result.Sheet.TileHeight));
        Assert.Null(result.Note);
        for (var i = 0; i < 9; i++)
        {
            var pixel = image.Pixel((i % 3 * 3) + 2, (i / 3 * 2) + 1).ToArray();
            Assert.Equal(i < 7 ? new byte[] { (byte)(10 * (i + 1)), (byte)(10 * (i + 1)), (byte)(10 * (i + 1)), 255 } : new byte[4], pixel);
        }
    }

    [Fact]
    public void FromPixelRows_scales_values_in_0_to_1_and_keeps_values_in_0_to_255()
    {
        float[] unit = [0f, 0.5f, 1f, 0.25f];
        float[] bytes = [0f, 128f, 255f, 64f];
        foreach (var row in new[] { unit, bytes })
        {
            var image = SpriteBuilder.FromPixelRows(1, _ => row, 2, 2, cancellationToken: Ct).Sheet.GetImage();
            Assert.Equal(new byte[] { 0, 128, 255, 64 }, Enumerable.Range(0, 4).Select(i => image.Pixels[i * 4]).ToArray());
        }
    }

    [Fact]
    public void FromMatrix_reads_rgb_rows()
    {
        using var matrix = EmbeddingMatrix.FromRows([[255, 0, 0, 0, 255, 0], [0, 0, 255, 10, 20, 30]]);
        var result = SpriteBuilder.FromMatrix(matrix, 2, 1, cancellationToken: Ct);
        var image = result.Sheet.GetImage();
        Assert.Equal((4, 2), (image.Width, image.Height));
        Assert.Equal(new byte[] { 255, 0, 0, 255, 0, 255, 0, 255 }, image.Pixels[..8]);
        Assert.Equal(new byte[] { 0, 0, 255, 255, 10, 20, 30, 255 }, image.Pixels[8..16]);
        Assert.All(image.Pixels[16..], b => Assert.Equal(0, b));
        Assert.Equal(2, result.TileCount);
    }

    [Fact]
    public void FromPixelRows_rejects_rows_that_do_not_match_the_tile_size()
    {
        var e = Assert.Throws<DataFormatException>(() => SpriteBuilder.FromPixelRows(2, _ => new float[5], 2, 2, cancellationToken: Ct));
        Assert.Contains("12 (RGB)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tiles_shrink_when_the_grid_would_exceed_8192()
    {
        // 400 tiles of 500x250 need 20 x 500 = 10000 pixels across; 8192 / 20 = 409 fits, 409x204 keeps 2:1.
        var row = new float[500 * 250];
        var progress = new List<int>();
        var result = SpriteBuilder.FromPixelRows(400, _ => row, 500, 250, progress: new SyncProgress(progress), cancellationToken: Ct);
        Assert.True(result.TilesShrunk);
        Assert.Equal((409, 204), (result.Sheet.TileWidth, result.Sheet.TileHeight));
        Assert.Equal((8180, 4080), (result.Sheet.Width, result.Sheet.Height));
        Assert.Equal("tiles shrunk from 500x250 to 409x204 so 400 tiles fit in 8192x8192", result.Note);
        Assert.True(result.Sheet.Capacity >= 400);
        Assert.Equal(400, progress[^1]);
    }

    [Fact]
    public void A_grid_that_cannot_fit_even_with_1x1_tiles_is_an_error()
    {
        var e = Assert.Throws<DataFormatException>(() => SpriteBuilder.FromPixelRows((8192 * 8192) + 1, _ => throw new InvalidOperationException("rows must not be read"), 1, 1, cancellationToken: Ct));
        Assert.Contains("1x1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromFiles_uses_the_first_image_size_and_fits_other_sizes_centred()
    {
        using var dir = new TempDir();
        var red = TestImages.Pattern(4, 4, (_, _) => (255, 0, 0, 255));
        var wide = TestImages.Pattern(8, 4, (_, _) => (0, 0, 255, 255));
        var a = Save(dir, "a.png", red);
        var b = Save(dir, "b.png", wide);
        var result = SpriteBuilder.FromFiles([a, b, a], cancellationToken: Ct);
        var image = result.Sheet.GetImage();
        Assert.Equal((8, 8, 4, 4), (image.Width, image.Height, result.Sheet.TileWidth, result.Sheet.TileHeight));
        Assert.Equal(new byte[] { 255, 0, 0, 255 }, image.Pixel(0, 4).ToArray());
        Assert.Equal(new byte[] { 0, 0, 255, 255 }, image.Pixel(5, 1).ToArray());
        Assert.Equal(0, image.Pixel(5, 0)[3]); // 8x4 fits as 4x2 with a transparent row above and below
        Assert.Equal(0, image.Pixel(6, 6)[3]); // the unused fourth cell
    }

    [Fact]
    public void FromFiles_reads_jpeg_and_honours_cancellation()
    {
        var result = SpriteBuilder.FromFiles([TestImages.File("photo.jpg"), TestImages.File("rgb8.png")], 20, 15, cancellationToken: Ct);
        Assert.Equal((40, 30), (result.Sheet.Width, result.Sheet.Height));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => SpriteBuilder.FromFiles([TestImages.File("rgb8.png")], 2, 2, cancellationToken: cancelled.Token));
    }

    [Fact]
    public void ListImageFiles_returns_the_image_files_in_ordinal_name_order()
    {
        using var dir = new TempDir();
        foreach (var name in new[] { "b.png", "B.jpg", "a10.png", "a2.jpeg", "c.webp", "d.GIF", "e.bmp", "notes.txt", "f.tiff" })
        {
            dir.Write(name, [1]);
        }

        var names = SpriteBuilder.ListImageFiles(dir.Path).Select(Path.GetFileName);
        Assert.Equal(["B.jpg", "a10.png", "a2.jpeg", "b.png", "c.webp", "d.GIF", "e.bmp"], names);
    }

    [Fact]
    public void ReadListFile_resolves_paths_against_the_list_folder()
    {
        using var dir = new TempDir();
        var png = Save(dir, "img/x.png", TestImages.Pattern(2, 2, (_, _) => (1, 2, 3, 255)));
        var list = dir.Write("lists/sprites.txt", "../img/x.png\n\n" + png + "\r\n");
        Assert.Equal([png, png], SpriteBuilder.ReadListFile(list));
        var built = SpriteBuilder.FromFiles(SpriteBuilder.ReadListFile(list), cancellationToken: Ct);
        Assert.Equal(2, built.TileCount);

        dir.Write("lists/bad.txt", "../img/x.png\nmissing.png\n");
        var e = Assert.Throws<DataFormatException>(() => SpriteBuilder.ReadListFile(dir.File("lists/bad.txt")));
        Assert.Equal(2, e.Line);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Save(TempDir dir, string name, RgbaImage image)
    {
        var path = dir.File(name);
        PngEncoder.Save(image, path);
        return path;
    }

    private sealed class SyncProgress(List<int> seen) : IProgress<int>
    {
        public void Report(int value) => seen.Add(value);
    }
}
