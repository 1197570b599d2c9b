using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.Tsv;

namespace Projector.Core.Tests.Formats.Tsv;

public sealed class TsvVectorReaderTests
{
    [Fact]
    public void Read_takes_a_text_first_column_as_the_label()
    {
        using var dir = new TempDir();
        var path = dir.Write("v.tsv", "cat\t1\t2\ndog\t3\t4.5\n");
        using var d = TsvVectorReader.Read(path, ReadOptions.Default);
        Assert.Equal((2, 2), (d.Points, d.Dimensions));
        Assert.Equal(new float[] { 3, 4.5f }, d.Matrix.Row(1).ToArray());
        Assert.Equal(["cat", "dog"], d.Metadata["label"]!.Values);
    }

    [Fact]
    public void Read_accepts_a_BOM_CRLF_line_ends_and_trailing_blank_lines()
    {
        using var dir = new TempDir();
        var path = dir.Write("v.tsv", "\uFEFF1\t2\r\n3\t4\r\n\r\n\n");
        using var d = TsvVectorReader.Read(path, ReadOptions.Default);
        Assert.Equal((2, 2), (d.Points, d.Dimensions));
        Assert.Empty(d.Metadata.Columns);
        Assert.Equal(4f, d.Matrix[1, 1]);
    }

    [Fact]
    public void Read_refuses_ragged_rows_naming_the_line()
    {
        using var dir = new TempDir();
        var path = dir.Write("v.tsv", "1\t2\n3\t4\n5\n");
        var e = Assert.Throws<DataFormatException>(() => TsvVectorReader.Read(path, ReadOptions.Default));
        Assert.Equal(3, e.Line);
        Assert.Contains("1 cells", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_refuses_a_text_cell_in_a_numeric_row()
    {
        using var dir = new TempDir();
        var path = dir.Write("v.tsv", "1\t2\n3\tx7\n");
        var e = Assert.Throws<DataFormatException>(() => TsvVectorReader.Read(path, ReadOptions.Default));
        Assert.Equal(2, e.Line);
        Assert.Contains("'x7'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_refuses_NaN_naming_row_and_column_unless_allowed()
    {
        using var dir = new TempDir();
        var path = dir.Write("v.tsv", "1\t2\n3\tNaN\n");
        var e = Assert.Throws<DataFormatException>(() => TsvVectorReader.Read(path, ReadOptions.Default));
        Assert.Contains("row 2, column 2", e.Message, StringComparison.Ordinal);
        Assert.Equal(RemedyOption.AllowNonFinite, e.Remedy?.Option);
        using var d = TsvVectorReader.Read(path, new ReadOptions { AllowNonFinite = true });
        Assert.True(float.IsNaN(d.Matrix[1, 1]));
    }

    [Fact]
    public void Read_refuses_an_empty_file_and_random_bytes()
    {
        using var dir = new TempDir();
        var empty = dir.Write("e.tsv", string.Empty);
        Assert.Contains("empty", Assert.Throws<DataFormatException>(() => TsvVectorReader.Read(empty, ReadOptions.Default)).Message, StringComparison.Ordinal);
        var bytes = new byte[5000];
        new Random(1).NextBytes(bytes);
        var random = dir.Write("r.tsv", bytes);
        Assert.Throws<DataFormatException>(() => TsvVectorReader.Read(random, ReadOptions.Default));
    }

    [Fact]
    public void Read_refuses_an_empty_line_between_vectors()
    {
        using var dir = new TempDir();
        var path = dir.Write("v.tsv", "1\t2\n\n3\t4\n");
        Assert.Equal(2, Assert.Throws<DataFormatException>(() => TsvVectorReader.Read(path, ReadOptions.Default)).Line);
    }

    [Fact]
    public void Writer_output_reads_back_bit_for_bit()
    {
        using var dir = new TempDir();
        var rng = new Random(5);
        var values = Enumerable.Range(0, 300 * 7).Select(_ => (float)((rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-8, 8)))).ToArray();
        using var m = EmbeddingMatrix.FromArray(values, 300, 7);
        var path = dir.File("out.tsv");
        TsvVectorWriter.Write(path, m);
        using var d = TsvVectorReader.Read(path, ReadOptions.Default);
        Assert.Equal(values, d.Matrix.ToArray());
    }
}
