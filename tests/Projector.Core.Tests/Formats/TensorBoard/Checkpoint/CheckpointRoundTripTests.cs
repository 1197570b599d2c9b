using System.IO.Hashing;
using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.TensorBoard.Checkpoint;
using Projector.Core.Formats.TensorBoard.Protos;

namespace Projector.Core.Tests.Formats.TensorBoard.Checkpoint;

public class CheckpointRoundTripTests
{
    [Fact]
    public void Writer_then_reader_gives_back_every_tensor_bit_for_bit()
    {
        using var dir = new TempDir();
        var prefix = dir.File("model.ckpt-7");
        var shapes = new (string Name, int Rows, int Dims)[]
        {
            ("embedding", 100, 16),
            ("embedding_b", 3, 7),
            ("embedding/.ATTRIBUTES/VARIABLE_VALUE", 1, 1),
            ("column", 9, 1),
            ("empty", 0, 5),
            ("Ünïcode/名前", 2, 3),
        };
        var rng = new Random(7);
        var tensors = shapes.Select(s => new KeyValuePair<string, EmbeddingMatrix>(s.Name, Random(rng, s.Rows, s.Dims))).ToList();
        tensors.Add(new("special", EmbeddingMatrix.FromArray([float.Epsilon, -0f, float.MaxValue, 1e-40f], 2, 2)));

        CheckpointWriter.Write(prefix, tensors);

        using var reader = CheckpointReader.Open(prefix);
        Assert.Equal(tensors.Select(t => t.Key).Order(StringComparer.Ordinal), reader.Tensors.Select(t => t.Name));
        foreach (var (name, expected) in tensors)
        {
            var info = reader.Find(name)!;
            Assert.Equal(name, info.Name);
            Assert.Equal("float32", info.DType);
            Assert.Equal([expected.Rows, expected.Dimensions], info.Shape);
            using var actual = reader.ReadMatrix(name);
            Assert.Equal(expected.Rows, actual.Rows);
            Assert.Equal(expected.Dimensions, actual.Dimensions);
            Assert.Equal(expected.ToArray().Select(BitConverter.SingleToInt32Bits), actual.ToArray().Select(BitConverter.SingleToInt32Bits));
            expected.Dispose();
        }
    }

    [Fact]
    public void Hundreds_of_entries_span_several_blocks_and_restart_points()
    {
        using var dir = new TempDir();
        var prefix = dir.File("many");

        // Names sharing long prefixes exercise the prefix compression; a tiny block size makes many blocks.
        var items = Enumerable.Range(0, 500)
            .Select(i => RawBundle.Tensor($"tower_{i % 3}/layer_{i:D4}/embedding", DataType.DtFloat, [1, 2], RawBundle.Floats(i, -i)))
            .ToList();
        CheckpointWriter.WriteItems(prefix, items, blockSize: 512);

        var index = File.ReadAllBytes(prefix + ".index");
        Assert.True(index.Length > 20 * 512, "the index should hold many blocks");
        using var reader = CheckpointReader.Open(prefix);
        Assert.Equal(500, reader.Tensors.Count);
        for (var i = 0; i < 500; i += 37)
        {
            using var m = reader.ReadMatrix($"tower_{i % 3}/layer_{i:D4}/embedding");
            Assert.Equal([i, -i], m.ToArray());
        }
    }

    [Fact]
    public void Index_blocks_compressed_with_snappy_are_read()
    {
        using var dir = new TempDir();
        var prefix = dir.File("snappy");
        var items = Enumerable.Range(0, 300)
            .Select(i => RawBundle.Tensor($"repeated/name/that/compresses/well/{i:D5}", DataType.DtFloat, [1, 1], RawBundle.Floats(i)))
            .ToList();
        CheckpointWriter.WriteItems(prefix, items, blockSize: 4096, snappy: true);
        CheckpointWriter.WriteItems(dir.File("plain"), items, blockSize: 4096, snappy: false);

        // Every data block was stored snappy-compressed: type byte 1 right after its contents.
        var file = File.ReadAllBytes(prefix + ".index");
        Assert.True(Footer.TryDecode(file.AsSpan(file.Length - Footer.Length), out var footer));
        var indexBlock = file.AsSpan((int)footer.Index.Offset, (int)footer.Index.Size);
        Assert.Equal(1, file[(int)(footer.Index.Offset + footer.Index.Size)]);
        var index = Block.Entries(Snappier.Snappy.DecompressToArray(indexBlock), "mem", 0);
        Assert.True(index.Count > 1);
        foreach (var (_, value) in index)
        {
            var pos = 0;
            Assert.True(BlockHandle.TryDecode(value, ref pos, out var handle));
            Assert.Equal(1, file[(int)(handle.Offset + handle.Size)]);
        }

        Assert.True(file.Length < new FileInfo(dir.File("plain.index")).Length);
        Assert.Equal(301, TableReader.ReadAll(prefix + ".index").Count);
        using var reader = CheckpointReader.Open(prefix);
        using var m = reader.ReadMatrix("repeated/name/that/compresses/well/00299");
        Assert.Equal([299f], m.ToArray());
    }

    [Fact]
    public void Table_writer_and_reader_agree_on_arbitrary_binary_keys()
    {
        var keys = Enumerable.Range(0, 1000).Select(i => BitConverter.GetBytes(i).Reverse().ToArray()).ToList();
        using var stream = new MemoryStream();
        var writer = new TableWriter(stream, blockSize: 300, snappy: false);
        foreach (var k in keys)
        {
            writer.Add(k, [.. k, .. k]);
        }

        writer.Finish();
        var read = TableReader.ReadAll(stream.ToArray(), "mem");
        Assert.Equal(keys, read.Select(e => e.Key));
        Assert.All(read, e => Assert.Equal([.. e.Key, .. e.Key], e.Value));
    }

    [Fact]
    public void Crc32C_matches_the_standard_check_values_and_masks_reversibly()
    {
        Assert.Equal(0xE3069283u, Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, "123456789"u8));

        // RFC 3720 (iSCSI), appendix B.4.
        Assert.Equal(0x8A9136AAu, Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, new byte[32]));
        Assert.Equal(0x62A8AB43u, Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, Enumerable.Repeat((byte)0xFF, 32).ToArray()));
        Assert.Equal(0x46DD794Eu, Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()));
        Assert.Equal(0x113FDB5Cu, Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, Enumerable.Range(0, 32).Select(i => (byte)(31 - i)).ToArray()));

        var data = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray();
        var running = new Crc32(Crc32ParameterSet.Crc32C);
        running.Append(data.AsSpan(0, 333));
        running.Append(data.AsSpan(333));
        Assert.Equal(Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, data), running.GetCurrentHashAsUInt32());

        // LevelDB's crc32c tests: masking changes the value, twice over, and unmasking undoes it.
        var crc = Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, "foo"u8);
        Assert.NotEqual(crc, Crc32C.Mask(crc));
        Assert.NotEqual(crc, Crc32C.Mask(Crc32C.Mask(crc)));
        Assert.Equal(crc, Crc32C.Unmask(Crc32C.Mask(crc)));
        Assert.Equal(crc, Crc32C.Unmask(Crc32C.Unmask(Crc32C.Mask(Crc32C.Mask(crc)))));
        Assert.Equal(0x12345678u, Crc32C.Unmask(Crc32C.Mask(0x12345678u)));
    }

    [Fact]
    public void Writer_refuses_duplicate_names_and_leaves_no_files()
    {
        using var dir = new TempDir();
        using var m = EmbeddingMatrix.Allocate(1, 1);
        Assert.Throws<ArgumentException>(() => CheckpointWriter.Write(dir.File("dup"), [new("a", m), new("a", m)]));
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Reading_with_the_finite_check_refuses_nan_with_its_byte_offset_and_allows_it_when_asked()
    {
        using var dir = new TempDir();
        var prefix = dir.File("nan");
        using (var m = EmbeddingMatrix.FromArray([1, 2, 3, float.NaN], 2, 2))
        {
            CheckpointWriter.Write(prefix, [new("a", EmbeddingMatrix.FromArray([5], 1, 1)), new("b", m)]);
        }

        using var reader = CheckpointReader.Open(prefix);
        var e = Assert.Throws<DataFormatException>(() => reader.ReadMatrix("b"));
        Assert.Equal(4 + 12, e.ByteOffset);
        Assert.Contains("row 2, column 2", e.Message);
        using var allowed = reader.ReadMatrix("b", new ReadOptions { AllowNonFinite = true });
        Assert.True(float.IsNaN(allowed[1, 1]));
    }

    private static EmbeddingMatrix Random(Random rng, int rows, int dims)
    {
        var values = new float[rows * dims];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(rng.NextDouble() - 0.5) * 100;
        }

        return EmbeddingMatrix.FromArray(values, rows, dims);
    }
}
