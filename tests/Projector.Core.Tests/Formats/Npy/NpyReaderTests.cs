using Projector.Core.Formats;
using Projector.Core.Formats.Npy;

namespace Projector.Core.Tests.Formats.Npy;

public sealed class NpyReaderTests
{
    private static readonly float[] Six = [1, 2, 3, 4, 5, 6];

    [Fact]
    public void Read_maps_little_endian_float32_without_copying()
    {
        using var dir = new TempDir();
        var path = dir.Write("vectors.npy", NpyBytes.Build("<f4", "(3, 2)", NpyBytes.Float32(false, Six)));
        using var ds = NpyReader.Read(path, ReadOptions.Default);
        Assert.True(ds.Matrix.IsMemoryMapped);
        Assert.Equal("vectors", ds.Name);
        Assert.Equal("float32", ds.SourceDType);
        Assert.Equal((3, 2), (ds.Points, ds.Dimensions));
        Assert.Equal(Six, ds.Matrix.ToArray());
    }

    [Theory]
    [InlineData(">f4")]
    [InlineData("<f8")]
    [InlineData(">f8")]
    [InlineData("<f2")]
    [InlineData(">f2")]
    [InlineData("=f8")]
    public void Read_converts_each_float_dtype_to_float32(string descr)
    {
        var big = descr[0] == '>';
        var data = descr[2] switch
        {
            '4' => NpyBytes.Float32(big, Six),
            '8' => NpyBytes.Float64(big, [.. Six.Select(v => (double)v)]),
            _ => NpyBytes.Float16(big, Six),
        };
        using var dir = new TempDir();
        var path = dir.Write("v.npy", NpyBytes.Build(descr, "(3, 2)", data));
        using var ds = NpyReader.Read(path, ReadOptions.Default);
        Assert.False(ds.Matrix.IsMemoryMapped);
        Assert.Equal(Six, ds.Matrix.ToArray());
        Assert.Equal($"float{(descr[2] - '0') * 8}", ds.SourceDType);
    }

    [Theory]
    [InlineData("|i1", 1)]
    [InlineData("|u1", 1)]
    [InlineData("<i2", 2)]
    [InlineData("<u4", 4)]
    [InlineData("<i8", 8)]
    public void Read_converts_integer_dtypes_to_float32(string descr, int size)
    {
        var data = new byte[6 * size];
        for (var i = 0; i < 6; i++)
        {
            data[i * size] = (byte)(i + 1);
        }

        using var dir = new TempDir();
        var path = dir.Write("v.npy", NpyBytes.Build(descr, "(2, 3)", data));
        using var ds = NpyReader.Read(path, ReadOptions.Default);
        Assert.Equal(Six, ds.Matrix.ToArray());
    }

    [Fact]
    public void Read_transposes_fortran_order()
    {
        // Column-major on disk: the first column (1, 3, 5) comes first.
        using var dir = new TempDir();
        var path = dir.Write("v.npy", NpyBytes.Build("<f4", "(3, 2)", NpyBytes.Float32(false, 1, 3, 5, 2, 4, 6), fortran: true));
        using var ds = NpyReader.Read(path, ReadOptions.Default);
        Assert.Equal(Six, ds.Matrix.ToArray());
    }

    [Fact]
    public void Read_treats_a_1d_array_as_one_column()
    {
        using var dir = new TempDir();
        var path = dir.Write("v.npy", NpyBytes.Build("<f4", "(6,)", NpyBytes.Float32(false, Six)));
        using var ds = NpyReader.Read(path, ReadOptions.Default);
        Assert.Equal((6, 1), (ds.Points, ds.Dimensions));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Read_accepts_version_2_and_3_headers(int version)
    {
        using var dir = new TempDir();
        var path = dir.Write("v.npy", NpyBytes.Build("<f4", "(3, 2)", NpyBytes.Float32(false, Six), version: version));
        using var ds = NpyReader.Read(path, ReadOptions.Default);
        Assert.Equal(Six, ds.Matrix.ToArray());
    }

    [Fact]
    public void Read_accepts_keys_in_any_order_other_quotes_and_no_trailing_comma()
    {
        using var dir = new TempDir();
        var bytes = NpyBytes.BuildRaw("{ \"shape\" : ( 3 ,2 ) ,\"fortran_order\":False,'descr':'<f4'}", NpyBytes.Float32(false, Six));
        using var ds = NpyReader.Read(dir.Write("v.npy", bytes), ReadOptions.Default);
        Assert.Equal(Six, ds.Matrix.ToArray());
    }

    [Theory]
    [InlineData("|O", "'|O'")]
    [InlineData("<c8", "'<c8'")]
    [InlineData("<U5", "'<U5'")]
    public void Read_refuses_unsupported_dtypes_naming_them(string descr, string expected)
    {
        using var dir = new TempDir();
        var path = dir.Write("v.npy", NpyBytes.Build(descr, "(1, 1)", new byte[8]));
        var ex = Assert.Throws<DataFormatException>(() => NpyReader.Read(path, ReadOptions.Default));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_refuses_structured_dtypes()
    {
        using var dir = new TempDir();
        var path = dir.Write("v.npy", NpyBytes.BuildRaw("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,), }", new byte[8]));
        var ex = Assert.Throws<DataFormatException>(() => NpyReader.Read(path, ReadOptions.Default));
        Assert.Contains("structured", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_refuses_three_dimensional_arrays_naming_the_shape()
    {
        using var dir = new TempDir();
        var path = dir.Write("v.npy", NpyBytes.Build("<f4", "(1, 2, 3)", NpyBytes.Float32(false, Six)));
        var ex = Assert.Throws<DataFormatException>(() => NpyReader.Read(path, ReadOptions.Default));
        Assert.Contains("(1, 2, 3)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("(4, 2)")]
    [InlineData("(2, 2)")]
    [InlineData("(1000000000000, 2)")]
    public void Read_refuses_a_shape_that_does_not_match_the_file_size(string shape)
    {
        using var dir = new TempDir();
        var path = dir.Write("v.npy", NpyBytes.Build("<f4", shape, NpyBytes.Float32(false, Six)));
        var ex = Assert.Throws<DataFormatException>(() => NpyReader.Read(path, ReadOptions.Default));
        Assert.Contains(shape, ex.Message, StringComparison.Ordinal);
        Assert.Equal(128, ex.ByteOffset);
    }

    [Fact]
    public void Read_refuses_a_truncated_file()
    {
        using var dir = new TempDir();
        var bytes = NpyBytes.Build("<f8", "(3, 2)", NpyBytes.Float64(false, 1, 2, 3, 4, 5, 6));
        var path = dir.Write("v.npy", bytes[..^5]);
        var ex = Assert.Throws<DataFormatException>(() => NpyReader.Read(path, ReadOptions.Default));
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
        var header = dir.Write("h.npy", bytes[..40]);
        Assert.Throws<DataFormatException>(() => NpyReader.Read(header, ReadOptions.Default));
    }

    [Fact]
    public void Read_refuses_an_empty_file()
    {
        using var dir = new TempDir();
        var ex = Assert.Throws<DataFormatException>(() => NpyReader.Read(dir.Write("v.npy", []), ReadOptions.Default));
        Assert.Contains("file is empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_refuses_random_bytes_and_missing_files()
    {
        using var dir = new TempDir();
        var random = new byte[5000];
        new Random(42).NextBytes(random);
        var ex = Assert.Throws<DataFormatException>(() => NpyReader.Read(dir.Write("v.npy", random), ReadOptions.Default));
        Assert.Contains("magic", ex.Message, StringComparison.Ordinal);
        Assert.Throws<DataFormatException>(() => NpyReader.Read(dir.File("missing.npy"), ReadOptions.Default));
    }

    [Fact]
    public void Read_refuses_NaN_naming_row_and_column_unless_allowed()
    {
        using var dir = new TempDir();
        var path = dir.Write("v.npy", NpyBytes.Build("<f4", "(3, 2)", NpyBytes.Float32(false, 1, 2, 3, float.NaN, 5, 6)));
        var ex = Assert.Throws<DataFormatException>(() => NpyReader.Read(path, ReadOptions.Default));
        Assert.Contains("row 2, column 2", ex.Message, StringComparison.Ordinal);
        Assert.Equal(128 + 12, ex.ByteOffset);
        using var ds = NpyReader.Read(path, new ReadOptions { AllowNonFinite = true });
        Assert.True(float.IsNaN(ds.Matrix[1, 1]));
    }

    [Fact]
    public void Sniff_recognises_the_magic_only()
    {
        Assert.True(NpyReader.Sniff(NpyBytes.Build("<f4", "(0, 2)", [])));
        Assert.False(NpyReader.Sniff("1 2 3\n"u8));
        Assert.False(NpyReader.Sniff([]));
    }
}
