using Projector.Core.Data;
using Projector.Core.Imaging;

namespace Projector.Cli.Tests.Commands;

public sealed class SpriteCommandTests
{
    [Fact]
    public void Sprite_from_pixel_rows_lays_tiles_in_a_square_grid()
    {
        using var dir = new TempDir();
        // Five 2x2 gray tiles: a 3x3 grid of 2x2 tiles is 6x6 pixels.
        var rows = string.Join("\n", Enumerable.Range(0, 5).Select(i => string.Join('\t', Enumerable.Repeat(i * 50, 4)))) + "\n";
        var input = dir.Write("p.tsv", rows);
        var output = dir.File("s.png");
        var run = CliRun.Of("sprite", "--pixels", input, "--tile", "2,2", "-o", output);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("single_image_dim [2, 2]", run.Out, StringComparison.Ordinal);
        var image = ImageFile.Load(output);
        Assert.Equal((6, 6), (image.Width, image.Height));
        Assert.Equal(200, image.Pixel(2, 2)[0]); // tile 4 sits at column 1, row 1
    }

    [Fact]
    public void Sprite_from_a_folder_takes_images_in_name_order()
    {
        using var dir = new TempDir();
        var folder = Path.Combine(dir.Path, "imgs");
        Directory.CreateDirectory(folder);
        for (var i = 0; i < 3; i++)
        {
            var img = new RgbaImage(4, 4);
            img.Pixels.AsSpan().Fill((byte)(i * 100));
            Core.Imaging.Png.PngEncoder.Save(img, Path.Combine(folder, $"{i}.png"));
        }

        var output = dir.File("s.png");
        Assert.Equal(0, CliRun.Of("sprite", folder, "-o", output).ExitCode);
        var sheet = ImageFile.Load(output);
        Assert.Equal((8, 8), (sheet.Width, sheet.Height));
        Assert.Equal(100, sheet.Pixel(4, 0)[0]);
        Assert.Equal(200, sheet.Pixel(0, 4)[0]);
    }

    [Fact]
    public void Sprite_without_inputs_or_with_pixels_but_no_tile_is_a_usage_error()
    {
        using var dir = new TempDir();
        Assert.Equal(2, CliRun.Of("sprite", "-o", dir.File("s.png")).ExitCode);
        Assert.Equal(2, CliRun.Of("sprite", "--pixels", "demo:mnist", "-o", dir.File("s.png")).ExitCode);
    }
}
