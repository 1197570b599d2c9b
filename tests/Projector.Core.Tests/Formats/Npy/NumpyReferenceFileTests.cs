using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.Npy;
using Projector.Core.Formats.Npz;

namespace Projector.Core.Tests.Formats.Npy;

/// <summary>Files written by numpy 1.24 (Debian's python3-numpy), committed under TestData.</summary>
public sealed class NumpyReferenceFileTests
{
    private static readonly float[] Expected = [0.5f, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f];

    private static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "Formats", "Npy", "TestData", name);

    [Theory]
    [InlineData("f4.npy", "float32")]
    [InlineData("f2.npy", "float16")]
    [InlineData("f8_fortran.npy", "float64")]
    [InlineData("f4_big_endian.npy", "float32")]
    public void Read_gives_the_values_numpy_saved(string file, string dtype)
    {
        using var ds = NpyReader.Read(Data(file), ReadOptions.Default);
        Assert.Equal(dtype, ds.SourceDType);
        Assert.Equal((3, 2), (ds.Points, ds.Dimensions));
        Assert.Equal(Expected, ds.Matrix.ToArray());
    }

    [Fact]
    public void Read_gives_a_1d_integer_array_as_one_column()
    {
        using var ds = NpyReader.Read(Data("i2_1d.npy"), ReadOptions.Default);
        Assert.Equal("int16", ds.SourceDType);
        Assert.Equal(new float[] { 0, 1, 2, 3 }, ds.Matrix.ToArray());
    }

    [Fact]
    public void Writer_output_equals_numpy_save_byte_for_byte()
    {
        using var dir = new TempDir();
        using var m = EmbeddingMatrix.FromArray([.. Expected], 3, 2);
        var path = dir.File("ours.npy");
        NpyWriter.Write(path, m);
        Assert.Equal(File.ReadAllBytes(Data("f4.npy")), File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData("two.npz")]
    [InlineData("two_compressed.npz")]
    public void Npz_picks_the_first_float_matrix_or_the_named_array(string file)
    {
        using (var ds = NpzReader.Read(Data(file), ReadOptions.Default))
        {
            Assert.Equal("vectors", ds.Name);
            Assert.Equal(Expected, ds.Matrix.ToArray());
        }

        using var ids = NpzReader.Read(Data(file), new ReadOptions { TensorName = "ids.npy" });
        Assert.Equal("int64", ids.SourceDType);
        Assert.Equal((3, 1), (ids.Points, ids.Dimensions));
    }

    [Fact]
    public void Npz_lists_the_arrays_with_shapes_and_dtypes()
    {
        var list = NpzReader.ListTensors(Data("two_compressed.npz"));
        Assert.Equal(["ids (3,) int64", "vectors (3, 2) float32"], list.Select(t => t.ToString()));
    }

    [Fact]
    public void Npz_refuses_an_unknown_name_listing_the_names_that_exist()
    {
        var ex = Assert.Throws<DataFormatException>(() => NpzReader.Read(Data("two.npz"), new ReadOptions { TensorName = "emb" }));
        Assert.Contains("'emb'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ids, vectors", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Npz_sniffs_archives_of_npy_files()
    {
        Assert.True(NpzReader.Sniff(File.ReadAllBytes(Data("two.npz")).AsSpan(0, 100)));
        Assert.False(NpzReader.Sniff(File.ReadAllBytes(Data("f4.npy"))));
    }

    [Fact]
    public void Npz_refuses_random_bytes()
    {
        using var dir = new TempDir();
        var random = new byte[3000];
        new Random(7).NextBytes(random);
        var ex = Assert.Throws<DataFormatException>(() => NpzReader.Read(dir.Write("x.npz", random), ReadOptions.Default));
        Assert.Contains("zip", ex.Message, StringComparison.Ordinal);
    }
}
