using Projector.Core.Data;
using SkiaSharp;

namespace Projector.Core.Imaging;

/// <summary>
/// Makes a sprite sheet that came with the data fit the projector pages' texture limit: a sheet over
/// <see cref="SpriteBuilder.MaxSheetSide"/> on a side is re-tiled into the square grid with smaller tiles.
/// </summary>
internal static class SpriteFit
{
    /// <summary>
    /// <paramref name="sheet"/> itself when it is within <paramref name="maxSide"/> pixels a side, otherwise a
    /// re-tiled sheet (decoded and resampled on first use) with the note saying how the tiles shrank.
    /// </summary>
    /// <exception cref="DataFormatException">The points cannot fit even with 1 x 1 tiles.</exception>
    public static SpriteBuildResult Fit(SpriteSheet sheet, int points, string source, int maxSide = SpriteBuilder.MaxSheetSide)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        if (sheet.Width <= maxSide && sheet.Height <= maxSide)
        {
            return new SpriteBuildResult(sheet, points, sheet.TileWidth, sheet.TileHeight, null);
        }

        // Planned before any pixel is touched, so a sprite that cannot fit fails at once.
        var layout = SpriteLayout.Plan(points, sheet.TileWidth, sheet.TileHeight, source, maxSide);
        var fitted = new SpriteSheet(layout.SheetWidth, layout.SheetHeight, layout.TileWidth, layout.TileHeight, null, () => Retile(sheet, layout));
        return new SpriteBuildResult(fitted, points, sheet.TileWidth, sheet.TileHeight, layout.Note);
    }

    private static RgbaImage Retile(SpriteSheet sheet, SpriteLayout layout)
    {
        var source = sheet.GetImage();
        var target = layout.CreateSheet();
        var (tw, th) = (sheet.TileWidth, sheet.TileHeight);

        // The pages find tile i by the sheet's own width (i % columns, i / columns), so read it the same way.
        var columns = Math.Max(1, source.Width / tw);
        for (var i = 0; i < layout.Count; i++)
        {
            var sx = i % columns * tw;
            var sy = i / columns * th;
            if (sy + th > source.Height)
            {
                break;
            }

            var (x, y) = layout.Origin(i);
            ImageResizer.Scale(source, SKRectI.Create(sx, sy, tw, th), target, SKRectI.Create(x, y, layout.TileWidth, layout.TileHeight));
        }

        return target;
    }
}
