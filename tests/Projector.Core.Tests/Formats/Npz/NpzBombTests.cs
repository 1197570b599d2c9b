using System.Buffers.Binary;
using System.IO.Compression;
using Projector.Core.Formats;
using Projector.Core.Formats.Npy;
using Projector.Core.Formats.Npz;

namespace Projector.Core.Tests.Formats.Npz;

/// <summary>A small .npz whose member inflates to hundreds of megabytes, and ones whose sizes lie.</summary>
public sealed class NpzBombTests
{
    // 64 Mi float32 zeros: 256 MiB inflated from a few hundred KB stored.
    private const long BombValues = 64L << 20;
    private const long SmallBudget = 64L << 20;

    [Fact]
    public void Summarize_and_listing_read_only_the_npy_headers_of_a_bomb()
    {
        using var dir = new TempDir();
        var path = WriteMember(dir.File("bomb.npz"), BombValues, BombValues * 4);
        Assert.True(new FileInfo(path).Length < 2 << 20);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var summary = NpzReader.Summarize(path, ReadOptions.Default);
        var listing = NpzReader.ListTensors(path);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < SmallBudget, $"inspecting allocated {allocated} bytes");
        Assert.Equal(("vectors", (int)BombValues, 1, "float32"), (summary.Name, summary.Points, summary.Dimensions, summary.DType));
        Assert.Equal([BombValues, 1L], Assert.Single(listing).Shape);
    }

    [Fact]
    public void A_full_read_of_a_bomb_gives_its_zeros_or_refuses_clearly()
    {
        using var dir = new TempDir();
        var path = WriteMember(dir.File("bomb.npz"), BombValues, BombValues * 4);
        try
        {
            using var read = NpzReader.Read(path, ReadOptions.Default);
            Assert.Equal((int)BombValues, read.Points);
            for (var r = 0; r < read.Points; r += 4099)
            {
                Assert.Equal(0f, read.Matrix.Row(r)[0]);
            }
        }
        catch (DataFormatException e)
        {
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_declared_size_deflate_cannot_reach_is_refused_before_anything_is_allocated()
    {
        using var dir = new TempDir();

        // The header claims 1 GiB of floats, the zip records 1 GiB, but only 1 MiB is stored (deflated to about 1 KB).
        var path = WriteMember(dir.File("liar.npz"), 1L << 28, 1L << 20);
        PatchUncompressedSize(path, (uint)(NpyWriter.BuildHeader(1L << 28, 1).Length + (1L << 30)));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<DataFormatException>(() => NpzReader.Read(path, ReadOptions.Default));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < SmallBudget);
        Assert.Contains("more than deflate can produce", e.Message, StringComparison.Ordinal);
        Assert.Contains("more than deflate can produce", Assert.Throws<DataFormatException>(() => NpzReader.Summarize(path, ReadOptions.Default)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_member_that_inflates_past_its_declared_size_is_refused_without_inflating_the_rest()
    {
        using var dir = new TempDir();

        // The header and the zip say 4 floats; the member goes on for 64 MiB.
        var path = WriteMember(dir.File("longer.npz"), 4, 64L << 20);
        PatchUncompressedSize(path, (uint)(NpyWriter.BuildHeader(4, 1).Length + 16));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<DataFormatException>(() => NpzReader.Read(path, ReadOptions.Default));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < SmallBudget);
        Assert.Contains("vectors.npy", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    /// <summary>An archive of one member, <c>vectors.npy</c>: a header for (rows, 1) float32, then <paramref name="dataBytes"/> zero bytes.</summary>
    internal static string WriteMember(string path, long rows, long dataBytes)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        using var entry = zip.CreateEntry("vectors.npy", CompressionLevel.Optimal).Open();
        entry.Write(NpyWriter.BuildHeader(rows, 1));
        var zeros = new byte[1 << 20];
        for (var left = dataBytes; left > 0; left -= zeros.Length)
        {
            entry.Write(zeros, 0, (int)Math.Min(zeros.Length, left));
        }

        return path;
    }

    /// <summary>Rewrites the member's uncompressed size in its local header and its central directory entry.</summary>
    private static void PatchUncompressedSize(string path, uint size)
    {
        var bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(22), size);
        var central = bytes.AsSpan().LastIndexOf("PK\u0001\u0002"u8);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(central + 24), size);
        File.WriteAllBytes(path, bytes);
    }
}
