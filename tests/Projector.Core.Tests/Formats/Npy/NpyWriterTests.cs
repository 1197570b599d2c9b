using System.Text;
using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.Npy;

namespace Projector.Core.Tests.Formats.Npy;

public sealed class NpyWriterTests
{
    [Fact]
    public void Write_then_Read_round_trips_the_values()
    {
        using var dir = new TempDir();
        var values = Enumerable.Range(0, 35).Select(i => (i * 0.25f) - 3).ToArray();
        using var m = EmbeddingMatrix.FromArray(values, 7, 5);
        var path = dir.File("out.npy");
        NpyWriter.Write(path, m);
        using var ds = NpyReader.Read(path, ReadOptions.Default);
        Assert.True(ds.Matrix.IsMemoryMapped);
        Assert.Equal(values, ds.Matrix.ToArray());
    }

    [Fact]
    public void Write_lays_out_the_header_as_numpy_save_does()
    {
        using var dir = new TempDir();
        using var m = EmbeddingMatrix.FromArray([1, 2, 3, 4, 5, 6], 3, 2);
        var path = dir.File("out.npy");
        NpyWriter.Write(path, m);
        var bytes = File.ReadAllBytes(path);

        // numpy 2.x: 10-byte preamble, dict, spaces up to a 64-byte boundary, newline; data at 128.
        Assert.Equal(128 + 24, bytes.Length);
        Assert.Equal(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' }, bytes[..6]);
        Assert.Equal(new byte[] { 1, 0, 118, 0 }, bytes[6..10]);
        var header = Encoding.Latin1.GetString(bytes, 10, 118);
        Assert.StartsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }", header, StringComparison.Ordinal);
        Assert.EndsWith(" \n", header, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_uses_version_1_for_every_two_dimensional_shape()
    {
        var header = NpyWriter.BuildHeader(int.MaxValue, int.MaxValue);
        Assert.Equal(1, header[6]);
        Assert.Equal(0, header.Length % 64);
    }
}
