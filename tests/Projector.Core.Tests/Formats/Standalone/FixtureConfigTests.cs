using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.Metadata;

namespace Projector.Core.Tests.Formats.Standalone;

/// <summary>Real projector files people published, checked against GROUND_TRUTH.json of each fixture folder.</summary>
public sealed class FixtureConfigTests
{
    [Theory]
    [InlineData("sa-steam-games-bytes", "oss_data", "oss_data/game_embedding.bytes", "oss_data/game_name.tsv")]
    [InlineData("selfmade-tiny", "", "tiny_tensors.bytes", "tiny_metadata.tsv")]
    public void Standalone_configs_read_with_the_shapes_values_and_metadata_of_the_ground_truth(string fixture, string configFolder, string tensorKey, string metadataKey)
    {
        var root = Fixtures.Folder(fixture);
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "GROUND_TRUTH.json")));
        var tensor = truth.RootElement.GetProperty(tensorKey);
        var meta = truth.RootElement.GetProperty(metadataKey);

        // The project folder as published: the config may sit in a subfolder, its paths relative to the page.
        var datasets = DatasetReader.ReadAll(root, ReadOptions.Default);
        using var d = Assert.Single(datasets);
        Assert.Equal(tensor.GetProperty("rows").GetInt32(), d.Points);
        Assert.Equal(tensor.GetProperty("cols").GetInt32(), d.Dimensions);
        Assert.Equal(tensor.GetProperty("sha256_f32").GetString(), Sha256(d.Matrix));
        Assert.Equal(meta.GetProperty("rows").GetInt32(), d.Metadata.Rows);
        var names = meta.TryGetProperty("columns", out var cols) && meta.GetProperty("has_header").GetBoolean()
            ? cols.EnumerateArray().Select(c => c.GetString()).ToArray()
            : [MetadataTsvReader.SingleColumnName];
        Assert.Equal(names, d.Metadata.Columns.Select(c => c.Name));
        Assert.Empty(d.Warnings);

        // Opened at the config's own folder, page-relative paths are found by name beside it, and said so.
        if (configFolder.Length > 0)
        {
            using var beside = Assert.Single(DatasetReader.ReadAll(Path.Combine(root, configFolder), ReadOptions.Default));
            Assert.Equal(Sha256(d.Matrix), Sha256(beside.Matrix));
            Assert.Contains(beside.Warnings, w => w.Contains(tensorKey, StringComparison.Ordinal) && w.Contains("not beside the config as written", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Tensor_path_TSV_and_its_five_metadata_columns_read_as_the_ground_truth_says()
    {
        var root = Fixtures.Folder("tb-tensorpath-tsv-multicol");
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "GROUND_TRUTH.json")));
        var tensor = truth.RootElement.GetProperty("logs/embeddings.tsv");
        using var d = DatasetReader.Read(Path.Combine(root, "logs", "embeddings.tsv"), new ReadOptions { MetadataPath = Path.Combine(root, "logs", "metadata.tsv") });
        Assert.Equal((tensor.GetProperty("rows").GetInt32(), tensor.GetProperty("cols").GetInt32()), (d.Points, d.Dimensions));
        Assert.Equal(tensor.GetProperty("sha256_f32").GetString(), Sha256(d.Matrix));
        Assert.Equal(["filename", "vowel", "gender", "age", "health"], d.Metadata.Columns.Select(c => c.Name));
        Assert.Equal(MetadataKind.Number, d.Metadata["age"]!.Kind);
    }

    [Fact]
    public void Standalone_writer_output_reads_back_bit_for_bit_with_metadata()
    {
        var root = Fixtures.Folder("selfmade-tiny");
        using var dir = new TempDir();
        var original = DatasetReader.ReadAll(root, ReadOptions.Default);
        var config = dir.File("out/projector_config.json");
        DatasetWriter.Write(config, original);
        using var back = Assert.Single(DatasetReader.ReadAll(dir.File("out"), ReadOptions.Default));
        using var first = original[0];
        Assert.Equal(Sha256(first.Matrix), Sha256(back.Matrix));
        Assert.Equal(first.Metadata.Columns.Select(c => c.Values), back.Metadata.Columns.Select(c => c.Values));
        Assert.Equal((first.Sprite!.TileWidth, first.Sprite.Width), (back.Sprite!.TileWidth, back.Sprite.Width));
        Assert.Equal(first.Sprite.GetImage().Pixels, back.Sprite.GetImage().Pixels);
    }

    internal static string Sha256(EmbeddingMatrix m)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var i = 0; i < m.Rows; i++)
        {
            sha.AppendData(MemoryMarshal.AsBytes(m.Row(i)));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
