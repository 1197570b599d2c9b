using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.Bytes;

namespace Projector.Core.Tests.Formats.Bytes;

public sealed class BytesReaderTests
{
    [Fact]
    public void Writer_output_maps_back_bit_for_bit()
    {
        using var dir = new TempDir();
        var values = Enumerable.Range(0, 35).Select(i => i * 0.25f - 3).ToArray();
        using var m = EmbeddingMatrix.FromArray(values, 7, 5);
        var path = dir.File("t.bytes");
        BytesWriter.Write(path, m);
        Assert.Equal(35 * 4, new FileInfo(path).Length);
        using var d = BytesReader.Read(path, new ReadOptions { Shape = (7, 5) });
        Assert.True(d.Matrix.IsMemoryMapped);
        Assert.Equal(values, d.Matrix.ToArray());
    }

    [Fact]
    public void Read_counts_rows_when_the_shape_gives_only_the_dimension()
    {
        using var dir = new TempDir();
        var path = dir.Write("t.bytes", new byte[4 * 12]);
        using var d = BytesReader.Read(path, new ReadOptions { Shape = (0, 3) });
        Assert.Equal(4, d.Points);
    }

    [Fact]
    public void Read_refuses_a_size_that_is_not_N_times_D_times_4()
    {
        using var dir = new TempDir();
        var path = dir.Write("t.bytes", new byte[4 * 12]);
        var e = Assert.Throws<DataFormatException>(() => BytesReader.Read(path, new ReadOptions { Shape = (5, 3) }));
        Assert.Contains("holds 48 bytes", e.Message, StringComparison.Ordinal);
        Assert.Contains("4 rows of 3", e.Message, StringComparison.Ordinal);
        var odd = dir.Write("odd.bytes", new byte[4 * 12 + 2]);
        Assert.NotNull(Assert.Throws<DataFormatException>(() => BytesReader.Read(odd, new ReadOptions { Shape = (0, 3) })).ByteOffset);
    }

    [Fact]
    public void Read_needs_a_shape_and_a_non_empty_file()
    {
        using var dir = new TempDir();
        var path = dir.Write("t.bytes", new byte[16]);
        Assert.Equal(RemedyOption.Shape, Assert.Throws<DataFormatException>(() => BytesReader.Read(path, ReadOptions.Default)).Remedy?.Option);
        var empty = dir.Write("e.bytes", []);
        Assert.Contains("empty", Assert.Throws<DataFormatException>(() => BytesReader.Read(empty, new ReadOptions { Shape = (0, 2) })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_refuses_infinity_naming_its_byte_offset()
    {
        using var dir = new TempDir();
        var bytes = new byte[24];
        BitConverter.TryWriteBytes(bytes.AsSpan(20), float.PositiveInfinity);
        var path = dir.Write("t.bytes", bytes);
        var e = Assert.Throws<DataFormatException>(() => BytesReader.Read(path, new ReadOptions { Shape = (2, 3) }));
        Assert.Equal(20, e.ByteOffset);
        Assert.Contains("row 2, column 3", e.Message, StringComparison.Ordinal);
    }
}
