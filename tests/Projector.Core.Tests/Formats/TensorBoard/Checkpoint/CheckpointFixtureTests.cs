using System.Security.Cryptography;
using System.Text.Json;
using Projector.Core.Formats.TensorBoard.Checkpoint;

namespace Projector.Core.Tests.Formats.TensorBoard.Checkpoint;

/// <summary>Real checkpoints written by TensorFlow, checked against what GROUND_TRUTH.json says.</summary>
public class CheckpointFixtureTests
{
    public static TheoryData<string, string> FixtureCheckpoints() =>
    [
        ("tb-tf1-mnist-sprite", "minimalsample/model.ckpt-1"),
        ("tb-tf2-tiny-numeric-labels", "logs/embedding.ckpt-1"),
        ("tb-tf1-ckpt-history", "embedding-5"),
        ("tb-tf1-ckpt-history", "embedding-6"),
        ("tb-tf1-ckpt-history", "embedding-7"),
        ("tb-tf1-ckpt-history", "embedding-8"),
        ("tb-tf1-ckpt-history", "embedding-9"),
    ];

    [Theory]
    [MemberData(nameof(FixtureCheckpoints))]
    public void Open_lists_every_fixture_tensor_with_its_ground_truth_dtype_and_shape(string folder, string prefix)
    {
        var truth = GroundTruth(folder, prefix);
        using var reader = CheckpointReader.Open(Path.Combine(Fixtures.Folder(folder), prefix));

        Assert.Equal(truth.Select(t => t.GetProperty("key").GetString()), reader.Tensors.Select(t => t.Name));
        foreach (var (expected, actual) in truth.Zip(reader.Tensors))
        {
            Assert.Equal(DTypeName(expected.GetProperty("dtype").GetString()!), actual.DType);
            Assert.Equal(expected.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()), actual.Shape);
            Assert.Equal(0, actual.SliceCount);
        }
    }

    [Theory]
    [MemberData(nameof(FixtureCheckpoints))]
    public void ReadMatrix_reads_every_fixture_tensor_with_the_ground_truth_sha256(string folder, string prefix)
    {
        var truth = GroundTruth(folder, prefix);
        using var reader = CheckpointReader.Open(Path.Combine(Fixtures.Folder(folder), prefix));
        var checkedAny = false;
        foreach (var expected in truth.Where(t => t.TryGetProperty("sha256_f32", out _)))
        {
            using var m = reader.ReadMatrix(expected.GetProperty("key").GetString()!);
            Assert.True(m.IsMemoryMapped);
            Assert.Equal(expected.GetProperty("rows").GetInt32(), m.Rows);
            Assert.Equal(expected.GetProperty("cols").GetInt32(), m.Dimensions);
            Assert.Equal(expected.GetProperty("sha256_f32").GetString(), Sha256(m));
            checkedAny = true;
        }

        Assert.True(checkedAny);
    }

    [Fact]
    public void Open_accepts_the_index_file_and_the_data_shard_as_well_as_the_prefix()
    {
        var dir = Fixtures.Folder("tb-tf1-ckpt-history");
        foreach (var path in new[] { "embedding-9", "embedding-9.index", "embedding-9.data-00000-of-00001" })
        {
            using var reader = CheckpointReader.Open(Path.Combine(dir, path));
            Assert.Equal(Path.Combine(dir, "embedding-9"), reader.Prefix);
        }
    }

    [Fact]
    public void Find_matches_config_names_and_checkpoint_names_both_ways()
    {
        using var tf2 = CheckpointReader.Open(Path.Combine(Fixtures.Folder("tb-tf2-tiny-numeric-labels"), "logs/embedding.ckpt-1"));
        Assert.Equal("embedding/.ATTRIBUTES/VARIABLE_VALUE", tf2.Find("embedding")?.Name);
        Assert.Equal("embedding/.ATTRIBUTES/VARIABLE_VALUE", tf2.Find("embedding:0")?.Name);
        Assert.Equal("embedding/.ATTRIBUTES/VARIABLE_VALUE", tf2.Find("embedding/.ATTRIBUTES/VARIABLE_VALUE")?.Name);
        Assert.Null(tf2.Find("embed"));

        using var tf1 = CheckpointReader.Open(Path.Combine(Fixtures.Folder("tb-tf1-ckpt-history"), "embedding-5"));
        Assert.Equal("embed_var", tf1.Find("embed_var:0")?.Name);
        Assert.Equal("embed_var", tf1.Find("embed_var/.ATTRIBUTES/VARIABLE_VALUE")?.Name);
    }

    [Fact]
    public void Writer_output_is_byte_identical_to_what_tensorflow_wrote_for_the_same_tensor()
    {
        var prefix = Path.Combine(Fixtures.Folder("tb-tf1-ckpt-history"), "embedding-5");
        using var reader = CheckpointReader.Open(prefix);
        using var m = reader.ReadMatrix("embed_var");
        using var dir = new TempDir();
        var copy = dir.File("copy");
        CheckpointWriter.Write(copy, [new("embed_var", m)]);

        // Same data shard, and the same index: header, entry with its masked CRC32C, blocks, footer.
        Assert.Equal(File.ReadAllBytes(prefix + ".data-00000-of-00001"), File.ReadAllBytes(copy + ".data-00000-of-00001"));
        Assert.Equal(File.ReadAllBytes(prefix + ".index"), File.ReadAllBytes(copy + ".index"));
    }

    internal static string Sha256(Projector.Core.Data.EmbeddingMatrix m)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var i = 0; i < m.Rows; i++)
        {
            sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(m.Row(i)));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static List<JsonElement> GroundTruth(string folder, string prefix)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixtures.Folder(folder), "GROUND_TRUTH.json")));
        return [.. doc.RootElement.GetProperty("checkpoint " + prefix).EnumerateArray().Select(e => e.Clone())];
    }

    private static string DTypeName(string tf) => tf switch
    {
        "DT_FLOAT" => "float32",
        "DT_DOUBLE" => "float64",
        "DT_INT64" => "int64",
        "DT_INT32" => "int32",
        "DT_STRING" => "string",
        _ => tf,
    };
}
