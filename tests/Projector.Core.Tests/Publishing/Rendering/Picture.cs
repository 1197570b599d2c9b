using Projector.Core.Publishing.Rendering;
using SkiaSharp;

namespace Projector.Core.Tests.Publishing.Rendering;

/// <summary>Pixels of a rendered picture, read back with Skia's decoder.</summary>
internal sealed class Picture : IDisposable
{
    private static readonly Rgb White = new(255, 255, 255);
    private readonly SKBitmap _bitmap;

    private Picture(SKBitmap bitmap) => _bitmap = bitmap;

    public int Width => _bitmap.Width;

    public int Height => _bitmap.Height;

    public static Picture Read(string path) =>
        new(SKBitmap.Decode(path) ?? throw new InvalidDataException($"{path} is not a picture Skia reads"));

    public static Picture Of(SKBitmap bitmap) => new(bitmap);

    public Rgb At(int x, int y)
    {
        var c = _bitmap.GetPixel(x, y);
        return new Rgb(c.Red, c.Green, c.Blue);
    }

    /// <summary>The mean of (R + G + B) / 3 over a box: 255 is white, lower is more ink.</summary>
    public double Lightness(int x0, int y0, int w, int h) =>
        Box(x0, y0, w, h).Average(c => (c.R + c.G + c.B) / 3.0);

    public HashSet<Rgb> ColorsIn(int x0, int y0, int w, int h) => [.. Box(x0, y0, w, h)];

    public int CountInk(int x0, int y0, int w, int h) => Box(x0, y0, w, h).Count(c => c != White);

    /// <summary>How many pixels of the w x h box at (x0, y0) differ from those of the box at (x1, y1) in <paramref name="other"/>.</summary>
    public int CountDifferent(Picture other, (int X, int Y) at, (int X, int Y) otherAt, int w, int h)
    {
        var n = 0;
        for (var dy = 0; dy < h; dy++)
        {
            for (var dx = 0; dx < w; dx++)
            {
                var (x, y, ox, oy) = (at.X + dx, at.Y + dy, otherAt.X + dx, otherAt.Y + dy);
                if ((uint)x < Width && (uint)y < Height && (uint)ox < other.Width && (uint)oy < other.Height)
                {
                    n += At(x, y) == other.At(ox, oy) ? 0 : 1;
                }
            }
        }

        return n;
    }

    public void Dispose() => _bitmap.Dispose();

    private IEnumerable<Rgb> Box(int x0, int y0, int w, int h)
    {
        for (var y = Math.Max(0, y0); y < Math.Min(Height, y0 + h); y++)
        {
            for (var x = Math.Max(0, x0); x < Math.Min(Width, x0 + w); x++)
            {
                yield return At(x, y);
            }
        }
    }
}
