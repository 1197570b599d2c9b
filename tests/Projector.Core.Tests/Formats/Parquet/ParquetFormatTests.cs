using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.Parquet;

namespace Projector.Core.Tests.Formats.Parquet;

public sealed class ParquetFormatTests
{
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];

    [Fact]
    public void Write_then_read_keeps_vectors_metadata_name_and_source()
    {
        using var dir = new TempDir();
        var matrix = EmbeddingMatrix.FromArray([1, 2, 3, 4.5f, -5, 6e-8f], 3, 2);
        var metadata = new MetadataTable(3, [new MetadataColumn("label", ["a", null, "c"]), new MetadataColumn("score", ["1.5", "", "-2"])]);
        using var original = new Dataset("words", matrix, metadata, source: "in/words.tsv");
        var path = dir.File("out.parquet");
        ParquetDatasetWriter.Write(path, original, default);

        using var ds = ParquetDatasetReader.Read(path, ReadOptions.Default);
        Assert.Equal("words", ds.Name);
        Assert.Equal("in/words.tsv", ds.Source);
        Assert.Equal("float32", ds.SourceDType);
        Assert.Equal(matrix.ToArray(), ds.Matrix.ToArray());
        Assert.Equal(["a", null, "c"], ds.Metadata["label"]!.Values);
        Assert.Equal(MetadataKind.Number, ds.Metadata["score"]!.Kind);
        Assert.Equal(["1.5", null, "-2"], ds.Metadata["score"]!.Values);
        Assert.Empty(dir.Path.EnumerateTempFiles());
    }

    [Fact]
    public void Columns_of_long_runs_read_back_one_tag_a_constant_and_mostly_missing()
    {
        // Run-length encoding stores 20,000 equal values in a few bytes: far more values than decoded bytes.
        const int n = 20_000;
        using var dir = new TempDir();
        var vectors = new float[n * 2];
        for (var i = 0; i < vectors.Length; i++)
        {
            vectors[i] = i % 97;
        }

        var tag = Enumerable.Repeat<string?>("kept", n).ToArray();
        var sparse = Enumerable.Range(0, n).Select(i => i == 5 ? "only" : null).ToArray();
        var metadata = new MetadataTable(n, [new MetadataColumn("tag", tag), new MetadataColumn("note", sparse)]);
        using var original = new Dataset("runs", EmbeddingMatrix.FromArray(vectors, n, 2), metadata);
        var path = dir.File("runs.parquet");
        ParquetDatasetWriter.Write(path, original, default);

        using var ds = ParquetDatasetReader.Read(path, ReadOptions.Default);
        Assert.Equal(n, ds.Points);
        Assert.Equal(tag, ds.Metadata["tag"]!.Values);
        Assert.Equal(sparse, ds.Metadata["note"]!.Values);
    }

    [Fact]
    public void Reads_pyarrow_style_lists_across_row_groups_and_reports_progress()
    {
        using var dir = new TempDir();
        var path = dir.File("py.parquet");
        ParquetFiles.PyarrowStyle(path, [[[1, 2], [3, 4]], [[5, 6]], [[7, 8], [9, 10]]], [["a", "b"], [null], ["d", "e"]]);
        var reports = new List<ReadProgress>();
        using var ds = ParquetDatasetReader.Read(path, ReadOptions.Default with { Progress = new SyncProgress<ReadProgress>(reports.Add) });
        Assert.Equal((5, 2), (ds.Points, ds.Dimensions));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (float)i), ds.Matrix.ToArray());
        Assert.Equal(["a", "b", null, "d", "e"], ds.Metadata["label"]!.Values);
        Assert.Equal("py", ds.Name);
        Assert.True(reports.Count >= 3);
        Assert.Equal(new FileInfo(path).Length, reports[^1].Done);
    }

    [Theory]
    [InlineData(ListLayout.ThreeLevel)]
    [InlineData(ListLayout.TwoLevel)]
    [InlineData(ListLayout.RepeatedPrimitive)]
    public void Reads_files_built_byte_by_byte_from_the_spec_in_every_list_encoding(ListLayout layout)
    {
        using var dir = new TempDir();
        var path = dir.Write("spec.parquet", ParquetBytes.Build(layout, "vec", [[1, 2, 3], [4, 5, 6]], ["x", "y"]));
        using var ds = ParquetDatasetReader.Read(path, ReadOptions.Default);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, ds.Matrix.ToArray());
        Assert.Equal(["x", "y"], ds.Metadata["label"]!.Values);
    }

    [Theory]
    [InlineData("^[abc]$")]
    [InlineData("0..2")]
    public void Columns_selection_builds_vectors_from_numeric_columns(string spec)
    {
        using var dir = new TempDir();
        var path = dir.File("cols.parquet");
        ParquetFiles.NumericColumns(path, 3);
        using var ds = ParquetDatasetReader.Read(path, ReadOptions.Default with { CsvColumns = spec });
        Assert.Equal((3, 3), (ds.Points, ds.Dimensions));
        Assert.Equal(new float[] { 0, 0, 0.5f, 1, 10, 1.5f, 2, 20, 2.5f }, ds.Matrix.ToArray());
        Assert.Equal(["name"], ds.Metadata.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Typed_metadata_becomes_text_and_images_stay_out_of_it()
    {
        using var dir = new TempDir();
        var path = dir.File("typed.parquet");
        ParquetFiles.TypedMetadata(path, [Png, Png]);
        using var ds = ParquetDatasetReader.Read(path, ReadOptions.Default);
        Assert.Equal("float64", ds.SourceDType);
        Assert.Equal(["true", "false"], ds.Metadata["flag"]!.Values);
        Assert.Equal(["2024-05-06T07:08:09", null], ds.Metadata["when"]!.Values);
        Assert.Equal([null, "9007199254740993"], ds.Metadata["count"]!.Values);
        Assert.Equal(MetadataKind.Number, ds.Metadata["count"]!.Kind);
        Assert.Null(ds.Metadata["thumbnail"]);
        var images = Assert.Single(ds.ImageColumns);
        Assert.Equal("thumbnail", images.Name);
        Assert.Equal(Png, images.Images[1]);
        Assert.Contains(ds.Warnings, w => w.Contains("'thumbnail' holds images", StringComparison.Ordinal));
    }

    [Fact]
    public void Non_finite_values_are_refused_unless_allowed()
    {
        using var dir = new TempDir();
        var path = dir.Write("nan.parquet", ParquetBytes.Build(ListLayout.ThreeLevel, "vec", [[1, 2], [3, float.NaN]], ["x", "y"]));
        var ex = Assert.Throws<DataFormatException>(() => ParquetDatasetReader.Read(path, ReadOptions.Default));
        Assert.Contains("column 'vec', row 2 (row group 1): value 2 is NaN", ex.Message, StringComparison.Ordinal);
        using var ds = ParquetDatasetReader.Read(path, ReadOptions.Default with { AllowNonFinite = true });
        Assert.True(float.IsNaN(ds.Matrix[1, 1]));
    }

    [Fact]
    public void Dispatch_reads_and_writes_parquet_by_extension_and_content()
    {
        using var dir = new TempDir();
        var path = dir.Write("spec.parquet", ParquetBytes.Build(ListLayout.ThreeLevel, "vec", [[1, 2]], ["x"]));
        Assert.Equal("parquet", DatasetReader.Detect(path).Name);
        var noExtension = dir.Write("data", File.ReadAllBytes(path));
        Assert.Equal("parquet", DatasetReader.Detect(noExtension).Name);
        Assert.Equal("parquet", DatasetWriter.ForPath("x.parquet")?.Name);
        using var ds = DatasetReader.Read(path, ReadOptions.Default);
        Assert.Equal(2, ds.Dimensions);
    }

    [Fact]
    public void Cancellation_stops_the_read()
    {
        using var dir = new TempDir();
        var path = dir.Write("spec.parquet", ParquetBytes.Build(ListLayout.ThreeLevel, "vec", [[1, 2]], ["x"]));
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => ParquetDatasetReader.Read(path, ReadOptions.Default with { CancellationToken = cts.Token }));
    }

    [Fact]
    public void Sniff_knows_the_magic()
    {
        Assert.True(ParquetFormat.Sniff("PAR1\x15\x04"u8));
        Assert.False(ParquetFormat.Sniff("ARROW1"u8));
    }

    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}

internal static class TempFiles
{
    /// <summary>Leftover temp files of an atomic write.</summary>
    public static IEnumerable<string> EnumerateTempFiles(this string folder) => Directory.EnumerateFiles(folder, "*.tmp");
}
