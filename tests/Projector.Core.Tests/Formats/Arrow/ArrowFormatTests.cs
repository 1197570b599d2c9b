using Apache.Arrow;
using Apache.Arrow.Compression;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.Arrow;

namespace Projector.Core.Tests.Formats.Arrow;

public sealed class ArrowFormatTests
{
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 7];

    [Theory]
    [InlineData("out.arrow")]
    [InlineData("out.feather")]
    [InlineData("out.arrows")]
    public void Write_then_read_keeps_vectors_metadata_name_and_source(string name)
    {
        using var dir = new TempDir();
        var matrix = EmbeddingMatrix.FromArray([1, 2, 3, 4.5f, -5, 6e-8f], 3, 2);
        var metadata = new MetadataTable(3, [new MetadataColumn("label", ["a", null, "c"]), new MetadataColumn("score", ["1.5", "", "-2"])]);
        using var original = new Dataset("words", matrix, metadata, source: "in/words.tsv");
        var path = dir.File(name);
        ArrowDatasetWriter.Write(path, original, default);

        var head = File.ReadAllBytes(path)[..8];
        Assert.True(ArrowFormat.Sniff(head));
        Assert.Equal(name.EndsWith(".arrows", StringComparison.Ordinal), !head.AsSpan().StartsWith("ARROW1"u8));
        using var ds = ArrowDatasetReader.Read(path, ReadOptions.Default);
        Assert.Equal(("words", "in/words.tsv", "float32"), (ds.Name, ds.Source, ds.SourceDType));
        Assert.Equal(matrix.ToArray(), ds.Matrix.ToArray());
        Assert.Equal(["a", null, "c"], ds.Metadata["label"]!.Values);
        Assert.Equal(MetadataKind.Number, ds.Metadata["score"]!.Kind);
        Assert.Equal(["1.5", null, "-2"], ds.Metadata["score"]!.Values);
    }

    [Fact]
    public void Reads_fixed_size_lists_across_record_batches_of_a_file()
    {
        using var dir = new TempDir();
        var schema = ArrowFiles.Schema(("emb", new FixedSizeListType(FloatType.Default, 2)), ("label", StringType.Default), ("n", Int64Type.Default), ("ok", BooleanType.Default));
        var path = dir.File("fsl.arrow");
        ArrowFiles.Write(path, schema, [Batch(schema, 0, 2), Batch(schema, 2, 1), Batch(schema, 3, 2)], stream: false);
        using var ds = ArrowDatasetReader.Read(path, ReadOptions.Default);
        Assert.Equal((5, 2), (ds.Points, ds.Dimensions));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (float)i), ds.Matrix.ToArray());
        Assert.Equal(["r0", "r1", "r2", "r3", "r4"], ds.Metadata["label"]!.Values);
        Assert.Equal(["9007199254740993", "9007199254740994", "9007199254740995", "9007199254740996", "9007199254740997"], ds.Metadata["n"]!.Values);
        Assert.Equal(["true", "false", "true", "false", "true"], ds.Metadata["ok"]!.Values);
        Assert.Equal("arrow", DatasetReader.Detect(path).Name);

        static RecordBatch Batch(Schema schema, int first, int rows) => new(schema, [
            ArrowFiles.FixedSizeFloats(2, [.. Enumerable.Range(first, rows).Select(i => new float[] { 2 * i, (2 * i) + 1 })]),
            ArrowFiles.Strings([.. Enumerable.Range(first, rows).Select(i => $"r{i}")]),
            new Int64Array.Builder().AppendRange(Enumerable.Range(first, rows).Select(i => 9_007_199_254_740_993L + i)).Build(),
            new BooleanArray.Builder().AppendRange(Enumerable.Range(first, rows).Select(i => i % 2 == 0)).Build(),
        ], rows);
    }

    [Fact]
    public void Reads_variable_lists_of_doubles_from_a_stream()
    {
        using var dir = new TempDir();
        var schema = ArrowFiles.Schema(("id", StringType.Default), ("vec", new ListType(DoubleType.Default)));
        var path = dir.File("s.arrows");
        ArrowFiles.Write(
            path,
            schema,
            [
                new RecordBatch(schema, [ArrowFiles.Strings("a", "b"), ArrowFiles.DoubleLists([1, 2, 3], [4, 5, 6])], 2),
                new RecordBatch(schema, [ArrowFiles.Strings("c"), ArrowFiles.DoubleLists([7, 8, 9])], 1),
            ],
            stream: true);
        using var ds = ArrowDatasetReader.Read(path, ReadOptions.Default);
        Assert.Equal("float64", ds.SourceDType);
        Assert.Equal(Enumerable.Range(1, 9).Select(i => (float)i), ds.Matrix.ToArray());
        Assert.Equal(["a", "b", "c"], ds.Metadata["id"]!.Values);
    }

    [Fact]
    public void Cancellation_stops_the_read_and_sniff_knows_both_forms()
    {
        using var dir = new TempDir();
        using var original = new Dataset("d", EmbeddingMatrix.FromArray([1, 2], 1, 2));
        var path = dir.File("x.ipc");
        ArrowDatasetWriter.Write(path, original, default);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => ArrowDatasetReader.Read(path, ReadOptions.Default with { CancellationToken = cts.Token }));
        Assert.True(ArrowFormat.Sniff([0xFF, 0xFF, 0xFF, 0xFF, 0x10, 0, 0, 0]));
        Assert.False(ArrowFormat.Sniff("PAR1"u8));
        Assert.Equal("arrow", DatasetWriter.ForPath("x.feather")?.Name);
    }

    [Theory]
    [InlineData(CompressionCodecType.Zstd)]
    [InlineData(CompressionCodecType.Lz4Frame)]
    public void Reads_compressed_buffers(CompressionCodecType codec)
    {
        using var dir = new TempDir();
        var schema = ArrowFiles.Schema(("emb", new FixedSizeListType(FloatType.Default, 2)), ("label", StringType.Default));
        var path = dir.File("z.arrow");
        var options = new IpcOptions { CompressionCodec = codec, CompressionCodecFactory = new CompressionCodecFactory() };
        ArrowFiles.Write(path, schema, [new RecordBatch(schema, [ArrowFiles.FixedSizeFloats(2, [1, 2], [3, 4]), ArrowFiles.Strings("a", "b")], 2)], stream: false, options);
        using var ds = ArrowDatasetReader.Read(path, ReadOptions.Default);
        Assert.Equal(new float[] { 1, 2, 3, 4 }, ds.Matrix.ToArray());
        Assert.Equal(["a", "b"], ds.Metadata["label"]!.Values);
    }

    [Fact]
    public void Columns_selection_builds_vectors_from_numeric_columns()
    {
        using var dir = new TempDir();
        var schema = ArrowFiles.Schema(("name", StringType.Default), ("x", FloatType.Default), ("y", Int32Type.Default), ("z", DoubleType.Default));
        var path = dir.File("cols.feather");
        ArrowFiles.Write(
            path,
            schema,
            [new RecordBatch(schema, [ArrowFiles.Strings("p", "q"), new FloatArray.Builder().Append(1).Append(2).Build(), new Int32Array.Builder().Append(3).Append(4).Build(), new DoubleArray.Builder().Append(5).Append(6).Build()], 2)],
            stream: false);
        using var ds = ArrowDatasetReader.Read(path, ReadOptions.Default with { CsvColumns = "1..3" });
        Assert.Equal(new float[] { 1, 3, 5, 2, 4, 6 }, ds.Matrix.ToArray());
        Assert.Equal(["name"], ds.Metadata.Columns.Select(c => c.Name));
        using var byName = ArrowDatasetReader.Read(path, ReadOptions.Default with { CsvColumns = "^[xyz]$" });
        Assert.Equal(ds.Matrix.ToArray(), byName.Matrix.ToArray());
    }

    [Fact]
    public void Image_columns_are_kept_for_the_sprite_not_the_metadata()
    {
        using var dir = new TempDir();
        var schema = ArrowFiles.Schema(("emb", new FixedSizeListType(FloatType.Default, 1)), ("picture_bytes", BinaryType.Default));
        var path = dir.File("img.arrow");
        var images = new BinaryArray.Builder().Append(Png.AsSpan()).AppendNull().Build();
        ArrowFiles.Write(path, schema, [new RecordBatch(schema, [ArrowFiles.FixedSizeFloats(1, [1], [2]), images], 2)], stream: false);
        using var ds = ArrowDatasetReader.Read(path, ReadOptions.Default);
        Assert.Empty(ds.Metadata.Columns);
        var column = Assert.Single(ds.ImageColumns);
        Assert.Equal("picture_bytes", column.Name);
        Assert.Equal(Png, column.Images[0]);
        Assert.Null(column.Images[1]);
        Assert.Contains(ds.Warnings, w => w.Contains("'picture_bytes' holds images", StringComparison.Ordinal));
    }
}
