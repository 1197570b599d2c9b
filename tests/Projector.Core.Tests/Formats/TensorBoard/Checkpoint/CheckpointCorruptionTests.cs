using System.IO.Hashing;
using Projector.Core.Data;
using Projector.Core.Formats.TensorBoard.Checkpoint;
using Projector.Core.Formats.TensorBoard.Protos;

namespace Projector.Core.Tests.Formats.TensorBoard.Checkpoint;

/// <summary>Damaged and unsupported checkpoints fail with one clear line, never with garbage numbers.</summary>
public sealed class CheckpointCorruptionTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _prefix;

    public CheckpointCorruptionTests()
    {
        _prefix = _dir.File("model.ckpt-1");
        using var a = EmbeddingMatrix.FromArray([1, 2, 3, 4, 5, 6], 3, 2);
        using var b = EmbeddingMatrix.FromArray([7, 8], 1, 2);
        CheckpointWriter.Write(_prefix, [new("embedding", a), new("other", b)]);
    }

    private string Index => _prefix + ".index";

    private string Shard => _prefix + ".data-00000-of-00001";

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_file_without_the_table_magic_is_not_a_checkpoint_index()
    {
        var bytes = File.ReadAllBytes(Index);
        bytes[^1] ^= 0xff;
        File.WriteAllBytes(Index, bytes);
        var e = Assert.Throws<DataFormatException>(() => CheckpointReader.Open(_prefix));
        Assert.Contains("not a TensorFlow checkpoint index", e.Message);
        Assert.Equal(bytes.Length - 8, e.ByteOffset);
    }

    [Fact]
    public void A_flipped_byte_in_a_block_fails_the_block_crc()
    {
        var bytes = File.ReadAllBytes(Index);
        bytes[3] ^= 0x01;
        File.WriteAllBytes(Index, bytes);
        var e = Assert.Throws<DataFormatException>(() => CheckpointReader.Open(_prefix));
        Assert.Contains("bad block CRC", e.Message);
        Assert.Equal(0, e.ByteOffset);
    }

    [Fact]
    public void A_truncated_index_is_reported_as_truncated()
    {
        var bytes = File.ReadAllBytes(Index);
        File.WriteAllBytes(Index, bytes[..(bytes.Length / 2)]);
        Assert.Contains("truncated", Assert.Throws<DataFormatException>(() => CheckpointReader.Open(_prefix)).Message);

        // Blocks cut out but the footer kept: the handles point past the end.
        File.WriteAllBytes(Index, [.. bytes[..10], .. bytes[^48..]]);
        Assert.Contains("truncated", Assert.Throws<DataFormatException>(() => CheckpointReader.Open(_prefix)).Message);

        File.WriteAllBytes(Index, []);
        Assert.Contains("too short", Assert.Throws<DataFormatException>(() => CheckpointReader.Open(_prefix)).Message);
    }

    [Theory]
    [InlineData(0UL, ulong.MaxValue)]
    [InlineData(0UL, ulong.MaxValue - 2)]
    [InlineData(ulong.MaxValue - 2, 3UL)]
    [InlineData(ulong.MaxValue, ulong.MaxValue)]
    [InlineData(1UL << 63, 1UL << 63)]
    public void A_footer_handle_near_2_to_the_64_is_refused_without_overflowing(ulong offset, ulong size)
    {
        var bytes = File.ReadAllBytes(Index);
        var footerStart = bytes.Length - Footer.Length;
        Footer.TryDecode(bytes.AsSpan(footerStart), out var footer);
        new Footer(footer.MetaIndex, new BlockHandle(offset, size)).Encode().CopyTo(bytes, footerStart);
        File.WriteAllBytes(Index, bytes);

        var e = Assert.Throws<DataFormatException>(() => CheckpointReader.Open(_prefix));
        Assert.Contains("past the end of the table", e.Message);
        Assert.Equal(footerStart, e.ByteOffset);
        Assert.DoesNotContain("-", e.Message.Replace(_dir.Path, string.Empty, StringComparison.Ordinal).Replace("model.ckpt-1", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void An_index_entry_handle_near_2_to_the_64_is_refused_without_overflowing()
    {
        var prefix = _dir.File("huge-entry");
        using (var a = EmbeddingMatrix.FromArray([1, 2], 1, 2))
        {
            CheckpointWriter.Write(prefix, [new("embedding", a)]);
        }

        // Rewrite the index block (its one entry points at the data block) with a handle whose size wraps when 5 is added.
        var table = TableReaderFile(prefix + ".index", new BlockHandle(0, ulong.MaxValue - 2));
        File.WriteAllBytes(prefix + ".index", table);
        var e = Assert.Throws<DataFormatException>(() => CheckpointReader.Open(prefix));
        Assert.Contains("past the end of the table", e.Message);
    }

    private static byte[] TableReaderFile(string index, BlockHandle dataHandle)
    {
        var original = File.ReadAllBytes(index);
        Footer.TryDecode(original.AsSpan(original.Length - Footer.Length), out var footer);
        var data = original.AsSpan(0, (int)footer.Index.Offset).ToArray();
        var handle = new List<byte>();
        dataHandle.Encode(handle);
        var block = new BlockBuilder(16);
        block.Add("\xff"u8.ToArray(), [.. handle]);
        var contents = block.Finish();
        var indexHandle = new BlockHandle((ulong)data.Length, (ulong)contents.Length);
        var trailer = new byte[5];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(trailer.AsSpan(1), Crc32C.Mask(Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, [.. contents, trailer[0]])));
        return [.. data, .. contents, .. trailer, .. new Footer(footer.MetaIndex, indexHandle).Encode()];
    }

    [Fact]
    public void A_missing_data_shard_is_named()
    {
        File.Delete(Shard);
        using var reader = CheckpointReader.Open(_prefix);
        var e = Assert.Throws<DataFormatException>(() => reader.ReadMatrix("embedding"));
        Assert.Contains("missing data shard", e.Message);
        Assert.Equal(Shard, e.FilePath);
        Assert.Contains("model.ckpt-1.data-00000-of-00001", e.Message);
    }

    [Fact]
    public void A_tensor_past_the_end_of_a_short_shard_is_refused_with_its_offset()
    {
        using (var s = new FileStream(Shard, FileMode.Open))
        {
            s.SetLength(20);
        }

        using var reader = CheckpointReader.Open(_prefix);
        var e = Assert.Throws<DataFormatException>(() => reader.ReadMatrix("other"));
        Assert.Contains("past the end", e.Message);
        Assert.Equal(24, e.ByteOffset);
    }

    [Fact]
    public void An_unknown_tensor_name_lists_the_names_that_exist()
    {
        using var reader = CheckpointReader.Open(_prefix);
        var e = Assert.Throws<DataFormatException>(() => reader.ReadMatrix("embeddings"));
        Assert.Contains("'embeddings' is not in the checkpoint", e.Message);
        Assert.Contains("embedding (float32 [3, 2])", e.Message);
        Assert.Contains("other (float32 [1, 2])", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_missing_checkpoint_names_the_index_it_looked_for()
    {
        var e = Assert.Throws<DataFormatException>(() => CheckpointReader.Open(_dir.File("nope.ckpt-3")));
        Assert.EndsWith("nope.ckpt-3.index", e.FilePath);
    }

    [Fact]
    public void String_tensors_and_scalars_and_3d_tensors_are_refused_by_name()
    {
        var prefix = _dir.File("mixed");
        CheckpointWriter.WriteItems(prefix,
        [
            RawBundle.Tensor("_CHECKPOINTABLE_OBJECT_GRAPH", DataType.DtString, [], [3, 0, 0, 0, 97, 98, 99]),
            RawBundle.Tensor("flag", DataType.DtBool, [1], [1]),
            RawBundle.Tensor("step", DataType.DtInt64, [], new byte[8]),
            RawBundle.Tensor("cube", DataType.DtFloat, [1, 1, 1], RawBundle.Floats(1)),
        ]);
        using var reader = CheckpointReader.Open(prefix);
        Assert.Equal("string", reader.Find("_CHECKPOINTABLE_OBJECT_GRAPH")!.DType);
        Assert.Contains("holds string values", Assert.Throws<DataFormatException>(() => reader.ReadMatrix("_CHECKPOINTABLE_OBJECT_GRAPH")).Message);
        Assert.Contains("holds bool values", Assert.Throws<DataFormatException>(() => reader.ReadMatrix("flag")).Message);
        Assert.Contains("0 dimensions", Assert.Throws<DataFormatException>(() => reader.ReadMatrix("step")).Message);
        Assert.Contains("3 dimensions", Assert.Throws<DataFormatException>(() => reader.ReadMatrix("cube")).Message);
    }

    [Fact]
    public void A_v1_checkpoint_is_refused_with_how_to_resave_it()
    {
        // A V1 checkpoint is a single LevelDB table named by the prefix, no .index beside it.
        var v1 = _dir.File("model.ckpt-v1");
        using (var s = File.Create(v1))
        {
            var table = new TableWriter(s);
            table.Add([], [1, 2, 3]);
            table.Finish();
        }

        var e = Assert.Throws<DataFormatException>(() => CheckpointReader.Open(v1));
        Assert.Contains("TensorFlow V1 checkpoint (before 2017) is not supported; re-save it with TF 2 (tf.train.Checkpoint) or tf.compat.v1.train.Saver(write_version=2)", e.Message);
    }

    [Fact]
    public void Converted_tensor_bytes_that_fail_their_crc_are_refused()
    {
        var prefix = _dir.File("crc");
        CheckpointWriter.WriteItems(prefix, [RawBundle.Tensor("d", DataType.DtDouble, [2], new byte[16])]);
        var shard = prefix + ".data-00000-of-00001";
        var bytes = File.ReadAllBytes(shard);
        bytes[5] = 1;
        File.WriteAllBytes(shard, bytes);
        using var reader = CheckpointReader.Open(prefix);
        Assert.Contains("CRC32C", Assert.Throws<DataFormatException>(() => reader.ReadMatrix("d")).Message);
    }
}
