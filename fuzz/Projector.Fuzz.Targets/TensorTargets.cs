using System.Buffers.Binary;
using System.IO.Compression;
using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.Npy;
using Projector.Core.Formats.Npz;

namespace Projector.Fuzz.Targets;

/// <summary>Binary tensor files: .npy, .npz, raw float32, Arrow, Parquet.</summary>
internal static class TensorTargets
{
    public static IEnumerable<ReadTarget> All()
    {
        yield return new("npy", "input.npy", false, false, p => FormatRead.Read("npy", p), NpySeeds, root => FixtureFiles.Seed(root, "tb-tf1-ckpt-history/embedding.npy"));
        yield return new("npz", "input.npz", false, true, ReadNpz, NpzSeeds);
        yield return new("bytes", "input.bytes", false, false, p => FormatRead.Read("bytes", p, new ReadOptions { Shape = (0, SampleData.Dimensions) }), BytesSeeds, BytesFixtures);
        yield return new("arrow", "input.arrow", false, false, p => FormatRead.Read("arrow", p), () => ArrowSeeds("input.arrow"));
        yield return new("arrow-stream", "input.arrows", false, false, p => FormatRead.Read("arrow", p), () => ArrowSeeds("input.arrows"));
        yield return new("parquet", "input.parquet", false, false, p => FormatRead.Read("parquet", p), ParquetSeeds);
    }

    private static List<Seed> NpySeeds()
    {
        var npy = FormatRead.Write("npy", "a.npy", SampleData.Dataset());
        var dataStart = npy.Length - (SampleData.Rows * SampleData.Dimensions * sizeof(float));
        using var one = SampleData.Matrix(1);
        using var stream = new MemoryStream();
        NpyWriter.WriteTo(stream, one);
        return [Seed.Alone("float32", npy, dataStart, npy.Length - dataStart), Seed.Alone("one-row", stream.ToArray())];
    }

    // The listing (what inspect shows) and the read both go through the damaged archive.
    private static string ReadNpz(string path)
    {
        _ = NpzReader.ListTensors(path);
        return Fingerprint.Of([NpzReader.Read(path, ReadOptions.Default)]);
    }

    private static List<Seed> NpzSeeds() =>
    [
        Npz("stored", CompressionLevel.NoCompression, false),
        Npz("deflated", CompressionLevel.Optimal, false),
        Npz("two-members", CompressionLevel.Optimal, true),
    ];

    private static Seed Npz(string name, CompressionLevel level, bool second)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var m = SampleData.Matrix())
            using (var entry = zip.CreateEntry("vectors.npy", level).Open())
            {
                NpyWriter.WriteTo(entry, m);
            }

            if (second)
            {
                using var ids = EmbeddingMatrix.FromArray([1, 2, 3], 3, 1);
                using var entry = zip.CreateEntry("ids.npy", level).Open();
                NpyWriter.WriteTo(entry, ids);
            }
        }

        var bytes = buffer.ToArray();

        // The first member's stored bytes (local header: 30 bytes, then name and extra field): the part its CRC-32 covers.
        var compressed = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(18));
        var start = 30 + BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(26)) + BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(28));
        return Seed.Alone(name, bytes, start, compressed);
    }

    private static List<Seed> BytesSeeds()
    {
        var bytes = FormatRead.Write("bytes", "a.bytes", SampleData.Dataset());
        return [Seed.Alone("float32", bytes, 0, bytes.Length)];
    }

    private static IEnumerable<Seed> BytesFixtures(string root) =>
        FixtureFiles.Seed(root, "selfmade-tiny/tiny_tensors.bytes").Concat(FixtureFiles.Seed(root, "sa-steam-games-bytes/oss_data/game_embedding.bytes"));

    private static List<Seed> ArrowSeeds(string fileName) => [Seed.Alone("vectors+metadata", FormatRead.Write("arrow", fileName, SampleData.Dataset()))];

    private static List<Seed> ParquetSeeds() => [Seed.Alone("vectors+metadata", FormatRead.Write("parquet", "a.parquet", SampleData.Dataset()))];
}
