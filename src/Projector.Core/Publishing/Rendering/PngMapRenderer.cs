using Projector.Core.Data;
using Projector.Core.Imaging;
using SkiaSharp;

namespace Projector.Core.Publishing.Rendering;

/// <summary>Draws a <see cref="MapScene"/> into pixels: anti-aliased dots or sprite tiles, legend, bitmap-font text.</summary>
internal static class PngMapRenderer
{
    /// <summary>The picture of <paramref name="scene"/> on a white background.</summary>
    public static RgbaImage Render(MapScene scene, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scene);
        var image = new RgbaImage(scene.Width, scene.Height);
        image.Pixels.AsSpan().Fill(255);
        if (scene.Sprite is { } sprite)
        {
            DrawTiles(image, scene, sprite, cancellationToken);
        }
        else
        {
            DrawDots(image, scene, cancellationToken);
        }

        foreach (var r in scene.Rects)
        {
            FillRect(image, r.X, r.Y, r.Width, r.Height, r.Color);
        }

        if (scene.GradientBar is { } bar)
        {
            for (var row = 0; row < bar.Height; row++)
            {
                FillRect(image, bar.X, bar.Y + row, bar.Width, 1, Palette.Gradient(1 - (row / (double)Math.Max(1, bar.Height - 1))));
            }
        }

        foreach (var t in scene.Texts)
        {
            BitmapFont.Draw(t.Text, t.Left, t.Y, t.Scale, (x, y) => Set(image, x, y, t.Color, 1));
        }

        return image;
    }

    private static void DrawDots(RgbaImage image, MapScene scene, CancellationToken ct)
    {
        var r = scene.Radius;
        var colors = scene.Coloring.Colors;
        var drawn = 0;
        foreach (var i in scene.Order)
        {
            if ((++drawn & 4095) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            var (cx, cy) = (scene.X[i], scene.Y[i]);
            if (float.IsNaN(cx))
            {
                continue;
            }

            // Coverage falls from 1 to 0 across the last pixel of the edge: smooth rims without supersampling.
            var color = colors[i];
            for (var y = (int)MathF.Floor(cy - r - 1); y <= (int)MathF.Ceiling(cy + r + 1); y++)
            {
                for (var x = (int)MathF.Floor(cx - r - 1); x <= (int)MathF.Ceiling(cx + r + 1); x++)
                {
                    var dx = x + 0.5f - cx;
                    var dy = y + 0.5f - cy;
                    var coverage = Math.Clamp(r + 0.5f - MathF.Sqrt((dx * dx) + (dy * dy)), 0f, 1f);
                    if (coverage > 0)
                    {
                        Set(image, x, y, color, coverage);
                    }
                }
            }
        }
    }

    private static void DrawTiles(RgbaImage image, MapScene scene, Data.SpriteSheet sprite, CancellationToken ct)
    {
        var sheet = sprite.GetImage();
        var (tw, th) = (sprite.TileWidth, sprite.TileHeight);
        var columns = Math.Max(1, sheet.Width / tw);
        var (w, h) = scene.Tile;
        var tile = new RgbaImage(w, h);
        var f = scene.Frame;
        foreach (var i in scene.Order)
        {
            ct.ThrowIfCancellationRequested();
            if (float.IsNaN(scene.X[i]) || (i / columns * th) + th > sheet.Height)
            {
                continue;
            }

            var (sx, sy) = (i % columns * tw, i / columns * th);
            ImageResizer.Scale(sheet, SKRectI.Create(sx, sy, tw, th), tile, SKRectI.Create(w, h));
            var left = (int)MathF.Round(scene.X[i] - (w / 2f));
            var top = (int)MathF.Round(scene.Y[i] - (h / 2f));
            if (f > 0)
            {
                FillRect(image, left - f, top - f, w + (2 * f), h + (2 * f), scene.Coloring.Colors[i]);
            }

            for (var y = 0; y < h; y++)
            {
                for (var x = 0; x < w; x++)
                {
                    var p = tile.Pixel(x, y);
                    if (p[3] > 0)
                    {
                        Set(image, left + x, top + y, new Rgb(p[0], p[1], p[2]), p[3] / 255f);
                    }
                }
            }
        }
    }

    private static void FillRect(RgbaImage image, int x, int y, int width, int height, Rgb color)
    {
        for (var yy = Math.Max(0, y); yy < Math.Min(image.Height, y + height); yy++)
        {
            for (var xx = Math.Max(0, x); xx < Math.Min(image.Width, x + width); xx++)
            {
                Set(image, xx, yy, color, 1);
            }
        }
    }

    private static void Set(RgbaImage image, int x, int y, Rgb color, float alpha)
    {
        if ((uint)x >= (uint)image.Width || (uint)y >= (uint)image.Height)
        {
            return;
        }

        var p = image.Pixel(x, y);
        if (alpha >= 1)
        {
            (p[0], p[1], p[2], p[3]) = (color.R, color.G, color.B, 255);
            return;
        }

        p[0] = Blend(p[0], color.R, alpha);
        p[1] = Blend(p[1], color.G, alpha);
        p[2] = Blend(p[2], color.B, alpha);
        p[3] = 255;
    }

    private static byte Blend(byte under, byte over, float alpha) => (byte)MathF.Round(under + ((over - under) * alpha));
}
