using System.Text;
using Projector.Core.Formats;
using Projector.Core.Formats.Word2Vec;

namespace Projector.Core.Tests.Formats.Word2Vec;

public sealed class Word2VecBinaryReaderTests
{
    private static byte[] Binary(string header, bool newlines, params (string Word, float[] Values)[] rows)
    {
        var bytes = new List<byte>(Encoding.ASCII.GetBytes(header + "\n"));
        foreach (var (word, values) in rows)
        {
            bytes.AddRange(Encoding.UTF8.GetBytes(word + " "));
            foreach (var v in values)
            {
                bytes.AddRange(BitConverter.GetBytes(v));
            }

            if (newlines)
            {
                bytes.Add((byte)'\n');
            }
        }

        return [.. bytes];
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Read_gives_non_ASCII_words_and_float32_values(bool newlines)
    {
        using var dir = new TempDir();
        var path = dir.Write("vectors.bin", Binary("3 2", newlines, ("Köln", [1, 2]), ("東京", [3, 4]), ("x", [5, 6])));
        using var ds = Word2VecBinaryReader.Read(path, ReadOptions.Default);
        Assert.Equal("float32", ds.SourceDType);
        Assert.Equal(["Köln", "東京", "x"], ds.Metadata["word"]!.Values);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, ds.Matrix.ToArray());
    }

    [Fact]
    public void Read_refuses_fewer_rows_than_announced()
    {
        using var dir = new TempDir();
        var bytes = Binary("3 2", true, ("a", [1, 2]), ("b", [3, 4]));
        var ex = Assert.Throws<DataFormatException>(() => Word2VecBinaryReader.Read(dir.Write("v.bin", [.. bytes, .. new byte[14]]), ReadOptions.Default));
        Assert.NotNull(ex.ByteOffset);
    }

    [Fact]
    public void Read_refuses_more_rows_than_announced()
    {
        using var dir = new TempDir();
        var bytes = Binary("1 2", true, ("a", [1, 2]), ("b", [3, 4]));
        var ex = Assert.Throws<DataFormatException>(() => Word2VecBinaryReader.Read(dir.Write("v.bin", bytes), ReadOptions.Default));
        Assert.Contains("more data after the 1 rows", ex.Message, StringComparison.Ordinal);
        Assert.Equal(15, ex.ByteOffset);
    }

    [Fact]
    public void Read_refuses_a_header_claiming_too_many_rows_before_allocating()
    {
        using var dir = new TempDir();
        var ex = Assert.Throws<DataFormatException>(() => Word2VecBinaryReader.Read(dir.Write("v.bin", Binary("1000000000000 300", true, ("a", new float[300]))), ReadOptions.Default));
        Assert.Equal(1, ex.Line);
    }

    [Fact]
    public void Read_refuses_a_truncated_file_and_random_bytes()
    {
        using var dir = new TempDir();
        var bytes = Binary("2 2", true, ("alpha", [1, 2]), ("beta", [3, 4]));
        var ex = Assert.Throws<DataFormatException>(() => Word2VecBinaryReader.Read(dir.Write("v.bin", bytes[..^3]), ReadOptions.Default));
        Assert.Contains("ends inside the values of word 2 ('beta')", ex.Message, StringComparison.Ordinal);
        Assert.Throws<DataFormatException>(() => Word2VecBinaryReader.Read(dir.Write("short.bin", bytes[..12]), ReadOptions.Default));
        var random = new byte[4096];
        new Random(3).NextBytes(random);
        Assert.Throws<DataFormatException>(() => Word2VecBinaryReader.Read(dir.Write("r.bin", random), ReadOptions.Default));
    }

    [Fact]
    public void Read_refuses_infinity_naming_row_and_column_unless_allowed()
    {
        using var dir = new TempDir();
        var path = dir.Write("v.bin", Binary("2 2", true, ("a", [1, 2]), ("b", [3, float.PositiveInfinity])));
        var ex = Assert.Throws<DataFormatException>(() => Word2VecBinaryReader.Read(path, ReadOptions.Default));
        Assert.Contains("row 2, column 2", ex.Message, StringComparison.Ordinal);
        using var ds = Word2VecBinaryReader.Read(path, new ReadOptions { AllowNonFinite = true });
        Assert.True(float.IsPositiveInfinity(ds.Matrix[1, 1]));
    }

    [Fact]
    public void Read_refuses_word2vec_text_saved_as_bin_instead_of_giving_garbage()
    {
        using var dir = new TempDir();
        var ex = Assert.Throws<DataFormatException>(() => Word2VecBinaryReader.Read(dir.Write("v.bin", "2 3\nking 0.1 0.2 0.3\nqueen 0.4 0.5 0.6\n"), ReadOptions.Default));
        Assert.Contains("read it as text", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sniff_detects_a_bin_file_that_is_really_text()
    {
        Assert.True(Word2VecBinaryReader.Sniff(Binary("1 2", true, ("a", [1, 2]))));
        Assert.False(Word2VecBinaryReader.Sniff("1 2\na 1.0 2.0\n"u8));
    }
}
