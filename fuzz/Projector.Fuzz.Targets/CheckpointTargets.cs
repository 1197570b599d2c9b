using Projector.Core.Data;
using Projector.Core.Formats.TensorBoard.Checkpoint;
using Projector.Core.Formats.TensorBoard.Protos;

namespace Projector.Fuzz.Targets;

/// <summary>TensorFlow V2 checkpoints: the <c>.index</c> table and the data shard, each damaged with the other intact.</summary>
internal static class CheckpointTargets
{
    private const string Prefix = "model.ckpt-1";
    private const string Index = Prefix + ".index";
    private const string Shard = Prefix + ".data-00000-of-00001";

    public static IEnumerable<ReadTarget> All()
    {
        yield return new("checkpoint-index", Index, false, true, ReadAll, () => Seeds(index: true), root => Fixtures(root, index: true));
        yield return new("checkpoint-data", Shard, false, true, ReadAll, () => Seeds(index: false), root => Fixtures(root, index: false));
    }

    /// <summary>Every 1-D or 2-D numeric tensor of the checkpoint whose index or shard is at <paramref name="path"/>.</summary>
    private static string ReadAll(string path)
    {
        using var reader = CheckpointReader.Open(Path.Combine(Path.GetDirectoryName(path)!, Prefix));
        var matrices = new List<EmbeddingMatrix>();
        try
        {
            foreach (var t in reader.Tensors.Where(t => t.Shape.Count is 1 or 2 && t.DType is not ("string" or "bool")))
            {
                matrices.Add(reader.ReadMatrix(t.Name));
            }
        }
        catch
        {
            matrices.ForEach(m => m.Dispose());
            throw;
        }

        return Fingerprint.Of(matrices);
    }

    private static List<Seed> Seeds(bool index)
    {
        using var scratch = new Scratch();
        var plain = scratch.File("plain");
        using (var a = SampleData.Matrix())
        using (var b = SampleData.Matrix(3))
        {
            CheckpointWriter.Write(plain, [new("embedding", a), new("other", b)]);
        }

        // A partitioned variable (slices, one converted from float64) in snappy-compressed index blocks of many entries.
        var sliced = scratch.File("sliced");
        var top = Slice((0, 2), (0, null));
        var bottom = Slice((2, 1), (0, null));
        var entry = new BundleEntryProto { Dtype = DataType.DtFloat, Shape = CheckpointWriter.Shape(3, 2) };
        entry.Slices.AddRange([top, bottom]);
        CheckpointWriter.WriteItems(sliced,
        [
            new BundleItem("emb"u8.ToArray(), entry, null),
            Tensor(SliceKey.Encode("emb", top), DataType.DtFloat, [2, 2], [.. new float[] { 1, 2, 3, 4 }.SelectMany(BitConverter.GetBytes)]),
            Tensor(SliceKey.Encode("emb", bottom), DataType.DtDouble, [1, 2], [.. new double[] { 5, 6 }.SelectMany(BitConverter.GetBytes)]),
            Tensor("ids"u8.ToArray(), DataType.DtInt32, [3], [.. new[] { 7, 8, 9 }.SelectMany(BitConverter.GetBytes)]),
        ],
            blockSize: 64,
            snappy: true);
        return [Pair("two-tensors", scratch, plain, index), Pair("sliced-snappy", scratch, sliced, index)];
    }

    private static Seed Pair(string name, Scratch scratch, string prefix, bool index)
    {
        var indexBytes = File.ReadAllBytes(prefix + ".index");
        var shardBytes = File.ReadAllBytes(prefix + ".data-00000-of-00001");
        return index
            ? new Seed(name, indexBytes, new Dictionary<string, byte[]> { [Shard] = shardBytes })
            : new Seed(name, shardBytes, new Dictionary<string, byte[]> { [Index] = indexBytes }, 0, shardBytes.Length);
    }

    private static IEnumerable<Seed> Fixtures(string root, bool index)
    {
        foreach (var prefix in (string[])["tb-tf2-tiny-numeric-labels/logs/embedding.ckpt-1", "tb-tf1-ckpt-history/embedding-5"])
        {
            var seeds = index
                ? FixtureFiles.Seed(root, prefix + ".index", (prefix + ".data-00000-of-00001", Shard))
                : FixtureFiles.Seed(root, prefix + ".data-00000-of-00001", (prefix + ".index", Index));
            foreach (var s in seeds)
            {
                yield return index ? s : s with { DataStart = 0, DataLength = s.Input.Length };
            }
        }
    }

    private static BundleItem Tensor(byte[] key, DataType dtype, long[] shape, byte[] data) =>
        new(key, new BundleEntryProto { Dtype = dtype, Shape = CheckpointWriter.Shape(shape) }, sink => sink(data));

    private static TensorSliceProto Slice(params (long Start, long? Length)[] extents)
    {
        var slice = new TensorSliceProto();
        foreach (var (start, length) in extents)
        {
            var e = new TensorSliceProto.Types.Extent { Start = start };
            if (length is { } l)
            {
                e.Length = l;
            }

            slice.Extent.Add(e);
        }

        return slice;
    }
}
