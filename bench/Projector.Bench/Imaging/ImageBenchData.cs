using System.Globalization;
using Projector.Core.Data;
using Projector.Core.Formats.Npy;
using Projector.Core.Imaging.Png;
using Projector.Demos;
using SkiaSharp;

namespace Projector.Bench.Imaging;

/// <summary>
/// Writes the inputs of the image benchmarks (bench/scripts/compare-builds.sh --images): the 10,000 MNIST digits as
/// a pixel matrix (<c>mnist.npy</c>) and as 28 x 28 image files, one folder of PNG and one of JPEG
/// (quality 90). The files are made once; the timed part is `projector sprite` over them.
/// </summary>
internal static class ImageBenchData
{
    public static void Run(string dir, TextWriter output)
    {
        Directory.CreateDirectory(Path.Combine(dir, "png"));
        Directory.CreateDirectory(Path.Combine(dir, "jpg"));
        using var digits = MnistDemo.Load();
        var matrix = digits.Matrix;
        NpyWriter.Write(Path.Combine(dir, "mnist.npy"), matrix);
        var scale = Enumerable.Range(0, matrix.Rows).Max(i => TensorMax(matrix.Row(i))) <= 1f ? 255f : 1f;
        for (var i = 0; i < matrix.Rows; i++)
        {
            var image = Digit(matrix.Row(i), scale);
            var name = i.ToString("D5", CultureInfo.InvariantCulture);
            PngEncoder.Save(image, Path.Combine(dir, "png", name + ".png"));
            File.WriteAllBytes(Path.Combine(dir, "jpg", name + ".jpg"), Jpeg(image));
        }

        output.WriteLine($"wrote {dir}/mnist.npy and {matrix.Rows} digits as {dir}/png/*.png and {dir}/jpg/*.jpg");
    }

    private static float TensorMax(ReadOnlySpan<float> values) => System.Numerics.Tensors.TensorPrimitives.Max(values);

    private static RgbaImage Digit(ReadOnlySpan<float> row, float scale)
    {
        var image = new RgbaImage(28, 28);
        for (var p = 0; p < row.Length; p++)
        {
            var v = (byte)Math.Clamp(MathF.Round(row[p] * scale), 0f, 255f);
            (image.Pixels[p * 4], image.Pixels[(p * 4) + 1], image.Pixels[(p * 4) + 2], image.Pixels[(p * 4) + 3]) = (v, v, v, 255);
        }

        return image;
    }

    private static unsafe byte[] Jpeg(RgbaImage image)
    {
        fixed (byte* p = image.Pixels)
        {
            using var pixmap = new SKPixmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque), (IntPtr)p);
            using var data = pixmap.Encode(SKEncodedImageFormat.Jpeg, 90) ?? throw new InvalidOperationException("SkiaSharp could not encode a JPEG.");
            return data.ToArray();
        }
    }
}
