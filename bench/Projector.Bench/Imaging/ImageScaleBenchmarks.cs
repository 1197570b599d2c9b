using System.Diagnostics;
using Projector.Core.Data;
using Projector.Core.Imaging;
using SkiaSharp;

namespace Projector.Bench.Imaging;

/// <summary>
/// Large JPEG photos shrunk to a model's input size (as `projector embed` does): decoded whole and then
/// resized, against decoded at the reduced DCT scale first, in the same run.
/// </summary>
internal static class ImageScaleBenchmarks
{
    public static void Run(string dir, int count, int width, int height, int side, int runs, TextWriter output)
    {
        var folder = Path.Combine(dir, $"photos-{width}x{height}");
        Directory.CreateDirectory(folder);
        var files = Enumerable.Range(0, count).Select(i => Path.Combine(folder, $"{i:D3}.jpg")).ToList();
        foreach (var (file, i) in files.Select((f, i) => (f, i)).Where(x => !File.Exists(x.f)))
        {
            File.WriteAllBytes(file, Photo(width, height, i));
        }

        var whole = Median(runs, () => files.ForEach(f => ImageResizer.Resize(ImageFile.Load(f), side, side)));
        var reduced = Median(runs, () => files.ForEach(f => ImageFile.LoadResized(f, side, side)));
        output.WriteLine($"{count} JPEG photos of {width}x{height} to {side}x{side}, median of {runs} runs");
        output.WriteLine($"decoded whole, then resized:      {whole * 1000 / count,8:F1} ms a photo");
        output.WriteLine($"decoded at a reduced DCT scale:   {reduced * 1000 / count,8:F1} ms a photo");
    }

    private static double Median(int runs, Action work)
    {
        work();
        var seconds = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            work();
            seconds.Add(clock.Elapsed.TotalSeconds);
        }

        seconds.Sort();
        return seconds[seconds.Count / 2];
    }

    // Smooth colour fields with fine noise, so the JPEG holds high frequencies as a photo does.
    private static unsafe byte[] Photo(int width, int height, int seed)
    {
        var random = new Random(seed);
        var image = new RgbaImage(width, height);
        var px = image.Pixels;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var p = ((y * width) + x) * 4;
                var noise = random.Next(-24, 25);
                px[p] = (byte)Math.Clamp((x * 255 / width) + noise, 0, 255);
                px[p + 1] = (byte)Math.Clamp((y * 255 / height) + noise, 0, 255);
                px[p + 2] = (byte)Math.Clamp(128 + (int)(100 * Math.Sin((x + seed) / 60.0) * Math.Cos(y / 45.0)) + noise, 0, 255);
                px[p + 3] = 255;
            }
        }

        fixed (byte* pixels = px)
        {
            using var pixmap = new SKPixmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque), (IntPtr)pixels);
            using var data = pixmap.Encode(SKEncodedImageFormat.Jpeg, 90) ?? throw new InvalidOperationException("SkiaSharp could not encode a JPEG.");
            return data.ToArray();
        }
    }
}
