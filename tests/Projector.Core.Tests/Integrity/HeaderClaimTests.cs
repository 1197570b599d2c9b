using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;
using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.Arrow;
using Projector.Core.Formats.Npy;
using Projector.Core.Formats.Parquet;
using Projector.Core.Formats.TensorBoard.Checkpoint;
using Projector.Core.Formats.TensorBoard.Protos;
using Projector.Core.Formats.Word2Vec;
using Projector.Core.Imaging;
using Projector.Core.Tests.Formats.Arrow;
using Projector.Core.Tests.Formats.Parquet;
using Projector.Core.Tests.Formats.TensorBoard.Checkpoint;

namespace Projector.Core.Tests.Integrity;

/// <summary>Per reader: a tiny file whose header claims a huge size is refused, or read, without memory for the claim.</summary>
public sealed class HeaderClaimTests : IDisposable
{
    private const long Budget = 64L << 20;
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Npy_shape_larger_than_the_file()
    {
        var header = NpyWriter.BuildHeader(1L << 30, 1 << 10);
        var path = _dir.Write("huge.npy", [.. header, .. new byte[16]]);
        Refused(() => NpyReader.Read(path, ReadOptions.Default), path);
    }

    [Theory]
    [InlineData("1000000000 300\nw 1 2 3\n", ".vec")]
    [InlineData("2147483647 2147483647\nw 1\n", ".vec")]
    public void Word2vec_text_count_line_larger_than_the_file(string text, string extension)
    {
        var path = _dir.Write("huge" + extension, text);
        Refused(() => Word2VecTextReader.Read(path, ReadOptions.Default), path);
    }

    [Fact]
    public void Word2vec_binary_count_line_larger_than_the_file()
    {
        var path = _dir.Write("huge.bin", [.. Encoding.ASCII.GetBytes("100000000 300\nw "), .. new byte[16]]);
        Refused(() => Word2VecBinaryReader.Read(path, ReadOptions.Default), path);
    }

    [Fact]
    public void Checkpoint_shape_larger_than_its_data()
    {
        var prefix = _dir.File("huge");
        CheckpointWriter.WriteItems(prefix, [RawBundle.Tensor("emb", DataType.DtDouble, [1L << 28, 1L << 2], new byte[16])]);
        using var reader = CheckpointReader.Open(prefix);
        Refused(() => reader.ReadMatrix("emb"), _dir.Path);
    }

    [Fact]
    public void Checkpoint_partitioned_variable_larger_than_its_slices()
    {
        // A 2^28 x 4 variable (4 GiB of floats) of which one 1 x 4 slice is stored.
        var prefix = _dir.File("sliced");
        var slice = RawBundle.Slice((0, 1), (0, null));
        var entry = new BundleEntryProto { Dtype = DataType.DtFloat, Shape = CheckpointWriter.Shape(1L << 28, 4) };
        entry.Slices.Add(slice);
        CheckpointWriter.WriteItems(prefix,
        [
            new BundleItem("emb"u8.ToArray(), entry, null),
            RawBundle.Tensor(SliceKey.Encode("emb", slice), DataType.DtFloat, [1, 4], RawBundle.Floats(1, 2, 3, 4)),
        ]);
        using var reader = CheckpointReader.Open(prefix);
        var e = Refused(() => reader.ReadMatrix("emb"), _dir.Path);
        Assert.Contains("the slices of 'emb' hold 4 values, the variable 1073741824", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parquet_row_count_within_the_compression_bound_but_beyond_the_file()
    {
        // 2^24 rows of 2 floats is 128 MiB: once allocated up front, now grown only as rows arrive.
        var path = _dir.Write("rows.parquet", ParquetBytes.Build(ListLayout.ThreeLevel, "vec", [[1, 2]], ["x"], claimedRows: 1L << 24));
        Refused(() => ParquetDatasetReader.Read(path, ReadOptions.Default), path);
    }

    [Fact]
    public void Arrow_batch_row_count_beyond_the_file()
    {
        var schema = ArrowFiles.Schema(("emb", new FixedSizeListType(FloatType.Default, 2)));
        var path = _dir.File("rows.arrows");
        ArrowFiles.Write(path, schema, [new RecordBatch(schema, [ArrowFiles.FixedSizeFloats(2, [1, 2])], 1 << 30)], stream: true);
        Refused(() => ArrowDatasetReader.Read(path, ReadOptions.Default), path);
    }

    [Theory]
    [InlineData(65535, 65535)]
    [InlineData(16384, 16385)]
    public void Jpeg_dimensions_beyond_the_pixel_limit(int width, int height)
    {
        // SOI, then a baseline frame header (SOF0) with the claimed size.
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xC0, 0, 11, 8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 1, 1, 0x11, 0];
        var path = _dir.Write("huge.jpg", jpeg);
        Refused(() => ImageFile.ReadSize(path), path);
        Refused(() => ImageFile.Load(path), path);
    }

    [Fact]
    public void Png_dimensions_beyond_the_pixel_limit()
    {
        var png = Core.Imaging.Png.PngEncoder.Encode(new RgbaImage(1, 1));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16), 1 << 20);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(20), 1 << 20);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), System.IO.Hashing.Crc32.HashToUInt32(png.AsSpan(12, 17)));
        var path = _dir.Write("huge.png", png);
        Refused(() => ImageFile.ReadSize(path), path);
        Refused(() => ImageFile.Load(path), path);
    }

    [Fact]
    public void Parquet_footer_decoder_of_the_library_is_found()
    {
        // The footer and page checks call into Parquet.Net's internal Thrift decoder; an upgrade that moves it must fail here.
        Assert.True(ParquetFooterDecoder.IsBound);
    }

    private static DataFormatException Refused(Func<object> read, string names)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<DataFormatException>(() => (read() as IDisposable)?.Dispose());
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < Budget, $"allocated {allocated} bytes: {e.Message}");
        Assert.Contains(names, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain("could not be read (", e.Message, StringComparison.Ordinal);
        return e;
    }
}
