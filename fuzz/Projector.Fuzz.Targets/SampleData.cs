using System.Globalization;
using Projector.Core.Data;

namespace Projector.Fuzz.Targets;

/// <summary>The small embedding every seed is written from: varied values, a text and a number column, a sprite.</summary>
internal static class SampleData
{
    public const int Rows = 12;
    public const int Dimensions = 4;
    public const int Tile = 4;

    public static float[] Values { get; } = [.. Enumerable.Range(0, Rows * Dimensions).Select(i => (float)Math.Round(Math.Sin(i * 0.7) * (1 + (i % 5)), 4))];

    public static EmbeddingMatrix Matrix(int rows = Rows) => EmbeddingMatrix.FromArray(Values[..(rows * Dimensions)], rows, Dimensions);

    public static MetadataTable Metadata(int rows = Rows) => new(rows,
    [
        new MetadataColumn("label", [.. Enumerable.Range(0, rows).Select(i => $"word{i}")]),
        new MetadataColumn("score", [.. Enumerable.Range(0, rows).Select(i => (i * 1.5).ToString(CultureInfo.InvariantCulture))]),
    ]);

    public static Dataset Dataset(string name = "vectors", bool sprite = false) =>
        new(name, Matrix(), Metadata(), sprite ? new SpriteSheet(Image(Tile * 4, Tile * 3), Tile, Tile) : null);

    /// <summary>An image with a pattern in every channel, alpha included.</summary>
    public static RgbaImage Image(int width, int height)
    {
        var image = new RgbaImage(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var p = image.Pixel(x, y);
                p[0] = (byte)(x * 37);
                p[1] = (byte)(y * 53);
                p[2] = (byte)((x + y) * 11);
                p[3] = (byte)(255 - (x * 7));
            }
        }

        return image;
    }
}
