using System.Diagnostics;
using Projector.Core.Formats.Text;

namespace Projector.Bench.Formats;

internal static class ParseProbe
{
    public static void Run(string path)
    {
        var bytes = File.ReadAllBytes(path);
        for (var rep = 0; rep < 3; rep++)
        {
            var sw = Stopwatch.StartNew();
            var span = bytes.AsSpan();
            long n = 0;
            float sum = 0;
            while (!span.IsEmpty)
            {
                var end = span.IndexOfAny((byte)'\t', (byte)'\n');
                var cell = end >= 0 ? span[..end] : span;
                if (FloatParser.TryParse(cell, out var v))
                {
                    sum += v;
                    n++;
                }

                span = end >= 0 ? span[(end + 1)..] : [];
            }

            Console.WriteLine($"parse only: {n} values in {sw.Elapsed.TotalSeconds:F3} s = {bytes.Length / 1048576.0 / sw.Elapsed.TotalSeconds:F0} MB/s ({sum})");
            sw.Restart();
            span = bytes.AsSpan();
            n = 0;
            while (!span.IsEmpty)
            {
                var end = span.IndexOfAny((byte)'\t', (byte)'\n');
                n++;
                span = end >= 0 ? span[(end + 1)..] : [];
            }

            Console.WriteLine($"split only: {n} in {sw.Elapsed.TotalSeconds:F3} s");
        }
    }
}
