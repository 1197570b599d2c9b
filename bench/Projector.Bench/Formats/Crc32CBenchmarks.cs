using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Hashing;
using System.Runtime.Intrinsics.X86;

namespace Projector.Bench.Formats;

/// <summary>
/// CRC-32C throughput of System.IO.Hashing (what the checkpoint reader and writer use) against the SSE4.2
/// loop the project had before (8 bytes per instruction), on the block sizes the readers feed it.
/// </summary>
internal static class Crc32CBenchmarks
{
    public static void Run(int sizeMb, int runs, TextWriter output)
    {
        var data = new byte[sizeMb << 20];
        new Random(42).NextBytes(data);
        output.WriteLine($"CRC-32C of {sizeMb} MB, median of {runs} runs (GB/s)");
        output.WriteLine($"{"block",10} {"System.IO.Hashing",18} {"SSE4.2 loop over all",21}");
        foreach (var block in new[] { 64, 4096, 1 << 20 })
        {
            var library = Median(runs, () =>
            {
                var crc = new Crc32(Crc32ParameterSet.Crc32C);
                for (var at = 0; at < data.Length; at += block)
                {
                    crc.Append(data.AsSpan(at, Math.Min(block, data.Length - at)));
                }

                return crc.GetCurrentHashAsUInt32();
            });
            var loop = Sse42.X64.IsSupported ? Median(runs, () => Sse42Crc(data)) : double.NaN;
            output.WriteLine($"{block,10} {data.Length / library / 1e9,18:F2} {data.Length / loop / 1e9,21:F2}");
        }
    }

    private static double Median(int runs, Func<uint> work)
    {
        var expected = Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, []);
        var seconds = new List<double>();
        uint last = expected;
        for (var i = 0; i <= runs; i++)
        {
            var clock = Stopwatch.StartNew();
            var crc = work();
            if (i > 0)
            {
                seconds.Add(clock.Elapsed.TotalSeconds);
            }

            if (i > 0 && crc != last)
            {
                throw new InvalidOperationException("the CRC changed between runs");
            }

            last = crc;
        }

        seconds.Sort();
        return seconds[seconds.Count / 2];
    }

    private static uint Sse42Crc(ReadOnlySpan<byte> data)
    {
        ulong c = 0xFFFFFFFFu;
        while (data.Length >= 8)
        {
            c = Sse42.X64.Crc32(c, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }

        var c32 = (uint)c;
        foreach (var b in data)
        {
            c32 = Sse42.Crc32(c32, b);
        }

        return ~c32;
    }
}
