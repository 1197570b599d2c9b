using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.Csv;

namespace Projector.Core.Tests.Formats.Csv;

public sealed class CsvVectorReaderTests
{
    private const string Mixed = "label,x,y,note\ncat,1,2,fluffy\ndog,3,4,loud\n";

    [Fact]
    public void Read_takes_all_numeric_columns_as_vectors_and_the_rest_as_metadata()
    {
        using var dir = new TempDir();
        using var ds = CsvVectorReader.Read(dir.Write("points.csv", Mixed), ReadOptions.Default);
        Assert.Equal("points", ds.Name);
        Assert.Equal("text", ds.SourceDType);
        Assert.Equal((2, 2), (ds.Points, ds.Dimensions));
        Assert.Equal(new float[] { 1, 2, 3, 4 }, ds.Matrix.ToArray());
        Assert.Equal(["label", "note"], ds.Metadata.Columns.Select(c => c.Name));
        Assert.Equal(["cat", "dog"], ds.Metadata["label"]!.Values);
    }

    [Fact]
    public void Read_selects_vector_columns_by_pattern()
    {
        using var dir = new TempDir();
        var path = dir.Write("e.csv", "id,emb_0,emb_1,score\n7,0.5,1.5,9\n8,2.5,3.5,10\n");
        using var ds = CsvVectorReader.Read(path, new ReadOptions { CsvColumns = "^emb_" });
        Assert.Equal(new[] { 0.5f, 1.5f, 2.5f, 3.5f }, ds.Matrix.ToArray());
        Assert.Equal(["id", "score"], ds.Metadata.Columns.Select(c => c.Name));
        Assert.Equal(MetadataKind.Number, ds.Metadata["score"]!.Kind);
    }

    [Fact]
    public void Read_selects_vector_columns_by_inclusive_index_range()
    {
        using var dir = new TempDir();
        var path = dir.Write("e.csv", "id,a,b,c\n7,1,2,3\n8,4,5,6\n");
        using var ds = CsvVectorReader.Read(path, new ReadOptions { CsvColumns = "2..3" });
        Assert.Equal(new float[] { 2, 3, 5, 6 }, ds.Matrix.ToArray());
        Assert.Equal(["id", "a"], ds.Metadata.Columns.Select(c => c.Name));
    }

    [Theory]
    [InlineData("3..9")]
    [InlineData("^nothing$")]
    [InlineData("([")]
    public void Read_refuses_a_selection_that_does_not_fit(string spec)
    {
        using var dir = new TempDir();
        var ex = Assert.Throws<DataFormatException>(() => CsvVectorReader.Read(dir.Write("e.csv", Mixed), new ReadOptions { CsvColumns = spec }));
        Assert.Contains(spec, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_handles_quoted_fields_with_commas_quotes_and_line_breaks_CRLF_and_BOM()
    {
        using var dir = new TempDir();
        var text = "\uFEFFname,\"x\",y\r\n\"Smith, \"\"Jo\"\"\",1,2\r\n\"two\r\nlines\",3,\"4\"\r\n";
        using var ds = CsvVectorReader.Read(dir.Write("q.csv", text), ReadOptions.Default);
        Assert.Equal(["Smith, \"Jo\"", "two\nlines"], ds.Metadata["name"]!.Values);
        Assert.Equal(new float[] { 1, 2, 3, 4 }, ds.Matrix.ToArray());
    }

    [Fact]
    public void Read_refuses_ragged_rows_naming_the_line()
    {
        using var dir = new TempDir();
        var ex = Assert.Throws<DataFormatException>(() => CsvVectorReader.Read(dir.Write("r.csv", "a,b\n1,2\n\"x\ny\",3\n4,5,6\n"), ReadOptions.Default));
        Assert.Equal(5, ex.Line);
        Assert.Contains("3 fields but the header has 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_refuses_a_text_cell_in_a_vector_column_naming_line_and_column()
    {
        using var dir = new TempDir();
        var ex = Assert.Throws<DataFormatException>(() => CsvVectorReader.Read(dir.Write("b.csv", "id,x,y\na,1,2\nb,3,oops\n"), new ReadOptions { CsvColumns = "1..2" }));
        Assert.Equal(3, ex.Line);
        Assert.Contains("column 'y' holds 'oops'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_refuses_NaN_naming_row_and_column_unless_allowed()
    {
        using var dir = new TempDir();
        var path = dir.Write("n.csv", "x,y\n1,2\n3,NaN\n");
        var ex = Assert.Throws<DataFormatException>(() => CsvVectorReader.Read(path, ReadOptions.Default));
        Assert.Equal(3, ex.Line);
        Assert.Contains("row 2, column 'y'", ex.Message, StringComparison.Ordinal);
        using var ds = CsvVectorReader.Read(path, new ReadOptions { AllowNonFinite = true });
        Assert.True(float.IsNaN(ds.Matrix[1, 1]));
    }

    [Fact]
    public void Read_refuses_empty_files_headers_without_rows_unclosed_quotes_and_random_bytes()
    {
        using var dir = new TempDir();
        Assert.Contains("file is empty", Assert.Throws<DataFormatException>(() => CsvVectorReader.Read(dir.Write("e.csv", ""), ReadOptions.Default)).Message, StringComparison.Ordinal);
        Assert.Throws<DataFormatException>(() => CsvVectorReader.Read(dir.Write("h.csv", "x,y\n"), ReadOptions.Default));
        var quote = Assert.Throws<DataFormatException>(() => CsvVectorReader.Read(dir.Write("q.csv", "x,y\n1,\"2\n3,4\n"), ReadOptions.Default));
        Assert.Equal(2, quote.Line);
        var random = new byte[4000];
        new Random(5).NextBytes(random);
        Assert.Throws<DataFormatException>(() => CsvVectorReader.Read(dir.Write("r.csv", random), ReadOptions.Default));
    }

    [Fact]
    public void Sniff_accepts_consistent_comma_separated_text_only()
    {
        Assert.True(CsvVectorReader.Sniff("a,b\n1,2\n3,"u8));
        Assert.False(CsvVectorReader.Sniff("a b\n1 2\n"u8));
        Assert.False(CsvVectorReader.Sniff("a,b\n1,2,3\n"u8));
        Assert.False(CsvVectorReader.Sniff([0x93, 0x4e, 0x01, 0x2c, 0x2c]));
    }
}
