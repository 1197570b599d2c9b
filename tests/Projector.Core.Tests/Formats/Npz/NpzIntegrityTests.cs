using System.IO.Compression;
using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.Npy;
using Projector.Core.Formats.Npz;

namespace Projector.Core.Tests.Formats.Npz;

public sealed class NpzIntegrityTests
{
    [Theory]
    [InlineData(CompressionLevel.NoCompression)]
    [InlineData(CompressionLevel.Optimal)]
    public void Every_changed_byte_of_a_member_s_data_is_refused_never_read_as_other_numbers(CompressionLevel level)
    {
        using var dir = new TempDir();
        var values = Enumerable.Range(0, 400).Select(i => i * 0.25f).ToArray();
        var npz = dir.File("a.npz");
        using (var zip = ZipFile.Open(npz, ZipArchiveMode.Create))
        using (var m = EmbeddingMatrix.FromArray(values, 100, 4))
        using (var entry = zip.CreateEntry("vectors.npy", level).Open())
        {
            NpyWriter.WriteTo(entry, m);
        }

        using (var intact = NpzReader.Read(npz, ReadOptions.Default))
        {
            Assert.Equal(values, intact.Matrix.ToArray());
        }

        var original = File.ReadAllBytes(npz);
        var start = level == CompressionLevel.NoCompression ? IndexOf(original, "\u0093NUMPY"u8) + 200 : 60;
        var random = new Random(5);
        for (var round = 0; round < 40; round++)
        {
            var bytes = (byte[])original.Clone();
            var at = start + random.Next(level == CompressionLevel.NoCompression ? 1200 : 100);
            bytes[at] ^= (byte)(1 << random.Next(8));
            var path = dir.Write($"flip{round}.npz", bytes);
            try
            {
                using var read = NpzReader.Read(path, ReadOptions.Default);
                Assert.Equal(values, read.Matrix.ToArray());
            }
            catch (DataFormatException e)
            {
                Assert.DoesNotContain('\n', e.Message);
            }
        }
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle);
}
