using Projector.Core.Formats;
using Projector.Core.Formats.Word2Vec;

namespace Projector.Core.Tests.Formats.Word2Vec;

public sealed class GloveReaderTests
{
    [Fact]
    public void Read_takes_the_dimension_from_the_first_row()
    {
        using var dir = new TempDir();
        var path = dir.Write("glove.6B.3d.txt", "the 0.1 0.2 0.3\r\n, -0.1 -0.2 -0.3\r\n\r\n");
        using var ds = GloveReader.Read(path, ReadOptions.Default);
        Assert.Equal("glove.6B.3d", ds.Name);
        Assert.Equal((2, 3), (ds.Points, ds.Dimensions));
        Assert.Equal(["the", ","], ds.Metadata["word"]!.Values);
        Assert.Equal(-0.2f, ds.Matrix[1, 1]);
    }

    [Fact]
    public void Read_keeps_words_that_contain_spaces()
    {
        using var dir = new TempDir();
        var path = dir.Write("g.txt", "a 1 2\n. . . 3 4\n");
        using var ds = GloveReader.Read(path, ReadOptions.Default);
        Assert.Equal(["a", ". . ."], ds.Metadata["word"]!.Values);
    }

    [Fact]
    public void Read_refuses_a_row_of_the_wrong_length()
    {
        using var dir = new TempDir();
        var ex = Assert.Throws<DataFormatException>(() => GloveReader.Read(dir.Write("g.txt", "a 1 2\nb 3\n"), ReadOptions.Default));
        Assert.Equal(2, ex.Line);
        Assert.Contains("expected 2 (as the first row on line 1 has)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_grows_past_many_rows()
    {
        using var dir = new TempDir();
        var lines = Enumerable.Range(0, 5000).Select(i => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"w{i} {i} {i * 0.5}"));
        using var ds = GloveReader.Read(dir.Write("g.txt", string.Join('\n', lines)), ReadOptions.Default);
        Assert.Equal(5000, ds.Points);
        Assert.Equal(4999 * 0.5f, ds.Matrix[4999, 1]);
    }

    [Fact]
    public void Sniffer_tells_word2vec_text_from_GloVe_and_binary()
    {
        Assert.Equal(TextVectorFormat.Word2VecText, TextVectorSniffer.Detect("\uFEFF2 3\r\nking 0.1 0.2 0.3\r\n"u8));
        Assert.Equal(TextVectorFormat.Glove, TextVectorSniffer.Detect("king 0.1 0.2 0.3\nqueen 1 2 3\n"u8));
        Assert.Equal(TextVectorFormat.Glove, TextVectorSniffer.Detect("king 0.1 0.2 0.3"u8));
        Assert.Equal(TextVectorFormat.Word2VecBinary, TextVectorSniffer.Detect([.. "1 2\nab "u8, 0, 0, 0x80, 0x3f, 0, 0, 0, 0x40]));
        Assert.Equal(TextVectorFormat.Unknown, TextVectorSniffer.Detect("id,name\n1,a\n"u8));
        Assert.Equal(TextVectorFormat.Unknown, TextVectorSniffer.Detect([0x93, 0x4e, 0x55, 0x00, 0x01]));
        Assert.True(GloveReader.Sniff("a 1 2\n"u8));
        Assert.True(Word2VecTextReader.Sniff("1 2\na 1 2\n"u8));
        Assert.False(Word2VecBinaryReader.Sniff("1 2\na 1 2\n"u8));
    }
}
