using Projector.Core.Data;

namespace Projector.Core.Tests.Imaging;

/// <summary>The committed test images and ImageMagick's raw RGBA dumps of them.</summary>
internal static class TestImages
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "Imaging", "TestData");

    public static string File(string name) => Path.Combine(Folder, name);

    public static byte[] Rgba(string name) => System.IO.File.ReadAllBytes(File(name));

    /// <summary>The largest difference of any byte between the image and the expected RGBA bytes.</summary>
    public static int MaxDifference(RgbaImage image, byte[] expected)
    {
        Assert.Equal(expected.Length, image.Pixels.Length);
        var max = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            max = Math.Max(max, Math.Abs(image.Pixels[i] - expected[i]));
        }

        return max;
    }

    /// <summary>An image whose pixels follow a fixed pattern, for round trips.</summary>
    public static RgbaImage Pattern(int width, int height, Func<int, int, (byte R, byte G, byte B, byte A)> pixel)
    {
        var image = new RgbaImage(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (r, g, b, a) = pixel(x, y);
                var p = image.Pixel(x, y);
                p[0] = r;
                p[1] = g;
                p[2] = b;
                p[3] = a;
            }
        }

        return image;
    }
}
