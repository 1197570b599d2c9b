using Projector.Core.Data;
using Projector.Core.Imaging;
using Projector.Core.Tests.Publishing.Export;

namespace Projector.Core.Tests.Imaging;

public sealed class SpriteFitTests
{
    [Fact]
    public void A_sheet_within_the_limit_is_kept_as_is()
    {
        var sheet = SpriteBuilder.FromPixelRows(10, i => ExportTestData.Tile(i), 4, 4).Sheet;
        var fit = SpriteFit.Fit(sheet, 10, "s");
        Assert.Same(sheet, fit.Sheet);
        Assert.Null(fit.Note);
    }

    [Fact]
    public void A_sheet_over_the_limit_is_retiled_into_the_square_grid_with_every_tile_in_place()
    {
        // 10 tiles of 4x4 in one long row (40x4): over a 12-pixel limit, re-tiled to a 4x4 grid of 3x3 tiles.
        var wide = new RgbaImage(40, 4);
        for (var i = 0; i < 10; i++)
        {
            for (var y = 0; y < 4; y++)
            {
                for (var x = 0; x < 4; x++)
                {
                    var p = wide.Pixel((i * 4) + x, y);
                    p[0] = p[1] = p[2] = (byte)(i * 20);
                    p[3] = 255;
                }
            }
        }

        var fit = SpriteFit.Fit(new SpriteSheet(wide, 4, 4), 10, "wide.png", maxSide: 12);
        Assert.Equal((12, 12, 3, 3), (fit.Sheet.Width, fit.Sheet.Height, fit.Sheet.TileWidth, fit.Sheet.TileHeight));
        Assert.Contains("4x4 to 3x3", fit.Note, StringComparison.Ordinal);
        var image = fit.Sheet.GetImage();
        Assert.Equal((12, 12), (image.Width, image.Height));
        for (var i = 0; i < 10; i++)
        {
            var centre = image.Pixel((i % 4 * 3) + 1, (i / 4 * 3) + 1);
            Assert.Equal(i * 20, centre[0]);
            Assert.Equal(255, centre[3]);
        }
    }

    [Fact]
    public void A_sheet_that_cannot_fit_even_with_one_pixel_tiles_is_a_one_line_error()
    {
        var sheet = new SpriteSheet(100, 100, 10, 10, "big.png", () => throw new InvalidOperationException("must not decode"));
        var e = Assert.Throws<DataFormatException>(() => SpriteFit.Fit(sheet, 100, "big.png", maxSide: 8));
        Assert.Contains("even with 1x1 tiles", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}
