using Projector.Core.Formats;
using Projector.Core.Formats.Word2Vec;

namespace Projector.Core.Tests.Formats.Word2Vec;

public sealed class Word2VecTextReaderTests
{
    [Fact]
    public void Read_gives_words_as_metadata_and_values_as_vectors()
    {
        using var dir = new TempDir();
        var path = dir.Write("model.txt", "2 3\nking 0.1 0.2 0.3\nqueen -1 2e-1 3\n");
        using var ds = Word2VecTextReader.Read(path, ReadOptions.Default);
        Assert.Equal("model", ds.Name);
        Assert.Equal("text", ds.SourceDType);
        Assert.Equal((2, 3), (ds.Points, ds.Dimensions));
        Assert.Equal(["king", "queen"], ds.Metadata["word"]!.Values);
        Assert.Equal(new[] { -1f, 0.2f, 3f }, ds.Matrix.Row(1).ToArray());
    }

    [Fact]
    public void Read_skips_a_byte_order_mark_and_accepts_CRLF_and_tabs()
    {
        using var dir = new TempDir();
        var path = dir.Write("model.txt", "\uFEFF2 2\r\nnaïve\t1 2\r\n日本 3\t4\r\n");
        using var ds = Word2VecTextReader.Read(path, ReadOptions.Default);
        Assert.Equal(["naïve", "日本"], ds.Metadata["word"]!.Values);
        Assert.Equal(new float[] { 1, 2, 3, 4 }, ds.Matrix.ToArray());
    }

    [Fact]
    public void Read_accepts_fastText_vec_with_trailing_spaces()
    {
        using var dir = new TempDir();
        var path = dir.Write("wiki.vec", "2 2\n, 0.5 0.25 \nthe 1 -1 \n");
        using var ds = Word2VecTextReader.Read(path, ReadOptions.Default);
        Assert.Equal([",", "the"], ds.Metadata["word"]!.Values);
        Assert.Equal(new float[] { 0.5f, 0.25f, 1, -1 }, ds.Matrix.ToArray());
    }

    [Fact]
    public void Read_refuses_fewer_rows_than_announced_naming_the_line()
    {
        using var dir = new TempDir();
        var ex = Assert.Throws<DataFormatException>(() => Word2VecTextReader.Read(dir.Write("m.txt", "3 2\na 1 2\nb 3 4\n"), ReadOptions.Default));
        Assert.Equal(4, ex.Line);
        Assert.Contains("after 2 rows", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_refuses_more_rows_than_announced_naming_the_line()
    {
        using var dir = new TempDir();
        var ex = Assert.Throws<DataFormatException>(() => Word2VecTextReader.Read(dir.Write("m.txt", "1 2\na 1 2\nb 3 4\n"), ReadOptions.Default));
        Assert.Equal(3, ex.Line);
    }

    [Fact]
    public void Read_refuses_a_header_claiming_more_rows_than_the_file_can_hold()
    {
        using var dir = new TempDir();
        var ex = Assert.Throws<DataFormatException>(() => Word2VecTextReader.Read(dir.Write("m.txt", "1000000000000 300\na 1 2\n"), ReadOptions.Default));
        Assert.Equal(1, ex.Line);
        Assert.Contains("1000000000000", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2 3\na 1 2 3\nb 1 2\n", "2 values after the word; expected 3")]
    [InlineData("2 3\na 1 2 3\nb 1 2 3 4\n", "4 values after the word; expected 3")]
    public void Read_refuses_a_row_of_the_wrong_length_naming_line_and_expectation(string text, string expected)
    {
        using var dir = new TempDir();
        var ex = Assert.Throws<DataFormatException>(() => Word2VecTextReader.Read(dir.Write("m.txt", text), ReadOptions.Default));
        Assert.Equal(3, ex.Line);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_refuses_text_in_a_value_naming_line_and_column()
    {
        using var dir = new TempDir();
        var ex = Assert.Throws<DataFormatException>(() => Word2VecTextReader.Read(dir.Write("m.txt", "2 3\na 1 2 3\nb 1 x 3\n"), ReadOptions.Default));
        Assert.Equal(3, ex.Line);
        Assert.Contains("column 3 ('x')", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_refuses_NaN_naming_row_and_column_unless_allowed()
    {
        using var dir = new TempDir();
        var path = dir.Write("m.txt", "2 2\na 1 2\nb nan 4\n");
        var ex = Assert.Throws<DataFormatException>(() => Word2VecTextReader.Read(path, ReadOptions.Default));
        Assert.Equal(3, ex.Line);
        Assert.Contains("row 2, column 1", ex.Message, StringComparison.Ordinal);
        using var ds = Word2VecTextReader.Read(path, new ReadOptions { AllowNonFinite = true });
        Assert.True(float.IsNaN(ds.Matrix[1, 0]));
    }

    [Fact]
    public void Read_refuses_empty_files_random_bytes_and_GloVe()
    {
        using var dir = new TempDir();
        var empty = Assert.Throws<DataFormatException>(() => Word2VecTextReader.Read(dir.Write("e.txt", ""), ReadOptions.Default));
        Assert.Contains("file is empty", empty.Message, StringComparison.Ordinal);
        var random = new byte[4000];
        new Random(1).NextBytes(random);
        Assert.Throws<DataFormatException>(() => Word2VecTextReader.Read(dir.Write("r.txt", random), ReadOptions.Default));
        var glove = Assert.Throws<DataFormatException>(() => Word2VecTextReader.Read(dir.Write("g.txt", "a 1 2\n"), ReadOptions.Default));
        Assert.Contains("GloVe", glove.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_reports_progress_and_honours_cancellation()
    {
        using var dir = new TempDir();
        var path = dir.Write("m.txt", "1 1\na 1\n");
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => Word2VecTextReader.Read(path, new ReadOptions { CancellationToken = cts.Token }));
    }
}
