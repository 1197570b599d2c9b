using Projector.Core.Data;

namespace Projector.Core.Tests.Data;

public sealed class EmbeddingMatrixTests
{
    [Fact]
    public void FromArray_exposes_rows_without_copying()
    {
        var values = new float[] { 1, 2, 3, 4, 5, 6 };
        using var m = EmbeddingMatrix.FromArray(values, 2, 3);
        values[4] = 50;
        Assert.Equal(new float[] { 4, 50, 6 }, m.Row(1).ToArray());
        Assert.False(m.IsMemoryMapped);
    }

    [Fact]
    public void MapFile_reads_values_after_an_offset_without_loading_them()
    {
        using var dir = new TempDir();
        var bytes = new byte[8 + (4 * 6)];
        for (var i = 0; i < 6; i++)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(8 + (i * 4)), i * 1.5f);
        }

        var path = dir.Write("m.bin", bytes);
        using var m = EmbeddingMatrix.MapFile(path, 8, 3, 2);
        Assert.True(m.IsMemoryMapped);
        Assert.Equal(new float[] { 3f, 4.5f }, m.Row(1).ToArray());
        Assert.Throws<InvalidOperationException>(() => m.GetWritableRow(0));
    }

    [Fact]
    public void FromRows_refuses_ragged_rows()
    {
        Assert.Throws<ArgumentException>(() => EmbeddingMatrix.FromRows([[1f, 2f], [3f]]));
    }

    [Fact]
    public void FindNonFinite_names_the_first_bad_cell()
    {
        using var m = EmbeddingMatrix.FromArray([1, 2, 3, float.NaN], 2, 2);
        Assert.Equal((1, 1), m.FindNonFinite());
    }
}
