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
        output.WriteLine($"{count} JPEG photos of {width}x{height} to {side}x{side}, median of {runs} runs, ms a photo (wall, CPU)");
        output.WriteLine($"decoded whole, then resized:      {whole.Wall * 1000 / count,8:F1} {whole.Cpu * 1000 / count,8:F1}");
        output.WriteLine($"decoded at a reduced DCT scale:   {reduced.Wall * 1000 / count,8:F1} {reduced.Cpu * 1000 / count,8:F1}");
    }

    // CPU time as well as wall time: on a shared machine the wall time of single-threaded work also
    // counts the time other processes held the cores.
    private static (double Wall, double Cpu) Median(int runs, Action work)
    {
        work();
        var wall = new List<double>();
        var cpu = new List<double>();
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            work();
            wall.Add(clock.Elapsed.TotalSeconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalSeconds);
        }

        wall.Sort();
        cpu.Sort();
        return (wall[wall.Count / 2], cpu[cpu.Count / 2]);
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
