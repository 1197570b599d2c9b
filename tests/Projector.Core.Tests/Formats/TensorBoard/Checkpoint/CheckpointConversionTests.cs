using System.Buffers.Binary;
using Projector.Core.Formats.TensorBoard.Checkpoint;
using Projector.Core.Formats.TensorBoard.Protos;

namespace Projector.Core.Tests.Formats.TensorBoard.Checkpoint;

public class CheckpointConversionTests
{
    private static readonly double[] Values = [0, 1, -2.5, 100, -128, 127];

    public static TheoryData<DataType, string> NumericTypes() =>
    [
        (DataType.DtDouble, "float64"),
        (DataType.DtHalf, "float16"),
        (DataType.DtBfloat16, "bfloat16"),
        (DataType.DtInt8, "int8"),
        (DataType.DtInt16, "int16"),
        (DataType.DtInt32, "int32"),
        (DataType.DtInt64, "int64"),
        (DataType.DtUint8, "uint8"),
        (DataType.DtUint16, "uint16"),
        (DataType.DtUint32, "uint32"),
        (DataType.DtUint64, "uint64"),
    ];

    [Theory]
    [MemberData(nameof(NumericTypes))]
    public void ReadMatrix_converts_every_numeric_dtype_to_float32(DataType dtype, string name)
    {
        using var dir = new TempDir();
        var prefix = dir.File("conv");
        var unsigned = name.StartsWith('u');
        var isInteger = name.Contains("int", StringComparison.Ordinal);
        var expected = Values.Select(v => unsigned ? Math.Abs(v) : v).Select(v => isInteger ? Math.Truncate(v) : v).ToArray();
        CheckpointWriter.WriteItems(prefix, [RawBundle.Tensor("t", dtype, [3, 2], Encode(dtype, expected))]);

        using var reader = CheckpointReader.Open(prefix);
        Assert.Equal(name, reader.Tensors.Single().DType);
        using var m = reader.ReadMatrix("t");
        Assert.False(m.IsMemoryMapped);
        Assert.Equal(3, m.Rows);
        Assert.Equal(2, m.Dimensions);
        Assert.Equal(expected.Select(v => (float)v), m.ToArray());
    }

    [Fact]
    public void Float16_and_bfloat16_keep_their_exact_values()
    {
        using var dir = new TempDir();
        var prefix = dir.File("half");
        var half = new byte[4];
        BinaryPrimitives.WriteHalfLittleEndian(half, (Half)0.333f);
        BinaryPrimitives.WriteHalfLittleEndian(half.AsSpan(2), Half.MaxValue);
        var bf = new byte[4];

        // bfloat16 is the top 16 bits of a float32: 3.140625 is exact in it.
        BinaryPrimitives.WriteUInt16LittleEndian(bf, (ushort)(BitConverter.SingleToUInt32Bits(3.140625f) >> 16));
        BinaryPrimitives.WriteUInt16LittleEndian(bf.AsSpan(2), (ushort)(BitConverter.SingleToUInt32Bits(-1e30f) >> 16));
        CheckpointWriter.WriteItems(prefix, [RawBundle.Tensor("h", DataType.DtHalf, [2], half), RawBundle.Tensor("b", DataType.DtBfloat16, [2], bf)]);

        using var reader = CheckpointReader.Open(prefix);
        using var h = reader.ReadMatrix("h");
        Assert.Equal([(float)(Half)0.333f, 65504f], h.ToArray());
        Assert.Equal(1, h.Dimensions);
        using var b = reader.ReadMatrix("b");
        Assert.Equal(3.140625f, b[0, 0]);
        Assert.Equal(BitConverter.SingleToUInt32Bits(-1e30f) & 0xffff0000u, BitConverter.SingleToUInt32Bits(b[1, 0]));
    }

    [Fact]
    public void One_dimensional_tensors_become_n_by_1()
    {
        using var dir = new TempDir();
        var prefix = dir.File("vec");
        CheckpointWriter.WriteItems(prefix, [RawBundle.Tensor("v", DataType.DtFloat, [4], RawBundle.Floats(1, 2, 3, 4))]);
        using var reader = CheckpointReader.Open(prefix);
        using var m = reader.ReadMatrix("v");
        Assert.True(m.IsMemoryMapped);
        Assert.Equal((4, 1), (m.Rows, m.Dimensions));
        Assert.Equal([1f, 2, 3, 4], m.ToArray());
    }

    [Fact]
    public void Slice_keys_follow_tensorflows_ordered_code_encoding()
    {
        // EncodeTensorNameSlice("emb", rows 2..5, all columns), worked out by hand from ordered_code.cc.
        var key = SliceKey.Encode("emb", RawBundle.Slice((2, 3), (0, null)));
        Assert.Equal(new byte[] { 0x00, 0x65, 0x6d, 0x62, 0x00, 0x01, 0x01, 0x02, 0x82, 0x83, 0x80, 0x7f }, key);

        // 1000 and -1000 take two bytes: sign bit, one length bit, then the value.
        var big = SliceKey.Encode("a\0", RawBundle.Slice((1000, -1000)));
        Assert.Equal(new byte[] { 0x00, 0x61, 0x00, 0xff, 0x00, 0x01, 0x01, 0x01, 0xc3, 0xe8, 0x3c, 0x18 }, big);
    }

    [Fact]
    public void A_partitioned_variable_is_assembled_from_its_slices()
    {
        using var dir = new TempDir();
        var prefix = dir.File("sliced");

        // A 5 x 3 variable split like tf.fixed_size_partitioner: rows 0..2 and 2..5; the second half
        // further split by columns so that both full and partial column extents occur.
        var full = Enumerable.Range(0, 15).Select(i => (float)i).ToArray();
        var top = RawBundle.Slice((0, 2), (0, null));
        var bottomLeft = RawBundle.Slice((2, 3), (0, 1));
        var bottomRight = RawBundle.Slice((2, 3), (1, 2));
        var entry = new BundleEntryProto { Dtype = DataType.DtFloat, Shape = CheckpointWriter.Shape(5, 3) };
        entry.Slices.AddRange([top, bottomLeft, bottomRight]);
        CheckpointWriter.WriteItems(prefix,
        [
            new BundleItem("emb"u8.ToArray(), entry, null),
            RawBundle.Tensor(SliceKey.Encode("emb", top), DataType.DtFloat, [2, 3], RawBundle.Floats(full[..6])),
            RawBundle.Tensor(SliceKey.Encode("emb", bottomLeft), DataType.DtFloat, [3, 1], RawBundle.Floats(6, 9, 12)),
            RawBundle.Tensor(SliceKey.Encode("emb", bottomRight), DataType.DtDouble, [3, 2], Encode(DataType.DtDouble, [7, 8, 10, 11, 13, 14])),
        ]);

        using var reader = CheckpointReader.Open(prefix);
        var info = Assert.Single(reader.Tensors);
        Assert.Equal(("emb", "float32", 3), (info.Name, info.DType, info.SliceCount));
        Assert.Equal([5L, 3L], info.Shape);
        using var m = reader.ReadMatrix("emb");
        Assert.Equal(full, m.ToArray());
    }

    private static byte[] Encode(DataType dtype, double[] values)
    {
        var size = dtype switch
        {
            DataType.DtInt8 or DataType.DtUint8 => 1,
            DataType.DtHalf or DataType.DtBfloat16 or DataType.DtInt16 or DataType.DtUint16 => 2,
            DataType.DtInt32 or DataType.DtUint32 => 4,
            _ => 8,
        };
        var bytes = new byte[values.Length * size];
        for (var i = 0; i < values.Length; i++)
        {
            var s = bytes.AsSpan(i * size);
            var v = values[i];
            switch (dtype)
            {
                case DataType.DtDouble: BinaryPrimitives.WriteDoubleLittleEndian(s, v); break;
                case DataType.DtHalf: BinaryPrimitives.WriteHalfLittleEndian(s, (Half)v); break;
                case DataType.DtBfloat16: BinaryPrimitives.WriteUInt16LittleEndian(s, (ushort)(BitConverter.SingleToUInt32Bits((float)v) >> 16)); break;
                case DataType.DtInt8: s[0] = (byte)(sbyte)v; break;
                case DataType.DtUint8: s[0] = (byte)v; break;
                case DataType.DtInt16: BinaryPrimitives.WriteInt16LittleEndian(s, (short)v); break;
                case DataType.DtUint16: BinaryPrimitives.WriteUInt16LittleEndian(s, (ushort)v); break;
                case DataType.DtInt32: BinaryPrimitives.WriteInt32LittleEndian(s, (int)v); break;
                case DataType.DtUint32: BinaryPrimitives.WriteUInt32LittleEndian(s, (uint)v); break;
                case DataType.DtInt64: BinaryPrimitives.WriteInt64LittleEndian(s, (long)v); break;
                case DataType.DtUint64: BinaryPrimitives.WriteUInt64LittleEndian(s, (ulong)v); break;
                default: throw new ArgumentOutOfRangeException(nameof(dtype));
            }
        }

        return bytes;
    }
}
