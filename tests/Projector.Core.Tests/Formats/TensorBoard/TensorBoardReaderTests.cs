using System.Text.Json;
using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.TensorBoard;
using Projector.Core.Formats.TensorBoard.Checkpoint;
using Projector.Core.Tests.Formats.Standalone;

namespace Projector.Core.Tests.Formats.TensorBoard;

public sealed class TensorBoardReaderTests
{
    public static TheoryData<string> CheckpointFixtures => ["tb-tf1-mnist-sprite", "tb-tf2-tiny-numeric-labels", "tb-tf1-ckpt-history"];

    [Theory]
    [MemberData(nameof(CheckpointFixtures))]
    public void Every_checkpoint_of_every_fixture_reads_with_the_ground_truth_shapes_and_sha256(string fixture)
    {
        var root = Fixtures.Folder(fixture);
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "GROUND_TRUTH.json")));
        var checked_ = 0;
        foreach (var entry in truth.RootElement.EnumerateObject().Where(p => p.Name.StartsWith("checkpoint ", StringComparison.Ordinal)))
        {
            var prefix = Path.Combine(root, entry.Name["checkpoint ".Length..]);
            var run = Path.GetRelativePath(root, Path.GetDirectoryName(prefix)!).Replace('\\', '/');
            foreach (var t in entry.Value.EnumerateArray().Where(t => t.GetProperty("dtype").GetString() == "DT_FLOAT" && t.GetProperty("shape").GetArrayLength() == 2))
            {
                var options = new ReadOptions { Run = run == "." ? "." : run, Step = LogDirScanner.StepOf(prefix), TensorName = t.GetProperty("key").GetString() };
                using var d = Assert.Single(TensorBoardReader.Read(root, options));
                Assert.Equal(t.GetProperty("shape")[0].GetInt32(), d.Points);
                Assert.Equal(t.GetProperty("shape")[1].GetInt32(), d.Dimensions);
                Assert.Equal(t.GetProperty("sha256_f32").GetString(), FixtureConfigTests.Sha256(d.Matrix));
                checked_++;
            }
        }

        Assert.True(checked_ > 0);
    }

    [Fact]
    public void TF1_run_with_a_sprite_elsewhere_reads_metadata_and_sprite()
    {
        var root = Fixtures.Folder("tb-tf1-mnist-sprite");
        using var d = Assert.Single(DatasetReader.ReadAll(root, ReadOptions.Default));
        Assert.Equal(("minimalsample", "mnistembedding", 1L), (d.Run, d.Name, d.Step));
        Assert.Equal(["Index", "Label"], d.Metadata.Columns.Select(c => c.Name));
        Assert.Equal((644, 28), (d.Sprite!.Width, d.Sprite.TileWidth));
        Assert.Empty(d.Warnings);
    }

    [Fact]
    public void TF2_object_checkpoint_name_is_found_from_the_config_with_numeric_labels()
    {
        var root = Fixtures.Folder("tb-tf2-tiny-numeric-labels");
        using var d = Assert.Single(DatasetReader.ReadAll(root, ReadOptions.Default));
        Assert.Equal("embedding/.ATTRIBUTES/VARIABLE_VALUE", d.Name);
        Assert.Equal((40, 128), (d.Points, d.Dimensions));
        Assert.Equal(MetadataKind.Number, d.Metadata["label"]!.Kind);
    }

    [Fact]
    public void A_run_with_five_checkpoints_lists_every_step_and_opens_any()
    {
        var root = Fixtures.Folder("tb-tf1-ckpt-history");
        var run = Assert.Single(LogDirScanner.Scan(root));
        Assert.Equal([5L, 6, 7, 8, 9], run.Checkpoints.Select(c => c.Step!.Value));
        Assert.Equal(9, run.Latest!.Step);
        using var newest = Assert.Single(TensorBoardReader.Read(root, ReadOptions.Default));
        using var oldest = Assert.Single(TensorBoardReader.Read(root, new ReadOptions { Step = 5 }));
        Assert.Equal((9L, 5L), (newest.Step!.Value, oldest.Step!.Value));
        Assert.NotEqual(FixtureConfigTests.Sha256(newest.Matrix), FixtureConfigTests.Sha256(oldest.Matrix));
        var e = Assert.Throws<DataFormatException>(() => TensorBoardReader.Read(root, new ReadOptions { Step = 4 }));
        Assert.Contains("5, 6, 7, 8, 9", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PyTorch_config_listing_each_embedding_twice_shows_each_once()
    {
        var root = Fixtures.Folder("tb-pytorch-7x-duplicate-config");
        var all = TensorBoardReader.Read(root, ReadOptions.Default);
        Assert.Equal(7, all.Count);
        Assert.All(all, d => Assert.Equal((256, 11, 28), (d.Points, d.Dimensions, d.Sprite!.TileWidth)));
        foreach (var d in all)
        {
            d.Dispose();
        }
    }

    [Fact]
    public void Optimizer_slots_of_TF1_and_TF2_are_no_embeddings_but_names_that_only_start_alike_are()
    {
        using var dir = new TempDir();
        var prefix = dir.File("model.ckpt-1");
        using var m = EmbeddingMatrix.FromArray([1, 2], 1, 2);
        string[] names = ["emb", "emb/Adam", "emb/Adam_1", "dense/kernel/Momentum", "w/RMSProp_1", "training/Adam/emb/m", "enc/Adamantium", "optimizer/iter", "emb/.OPTIMIZER_SLOT/optimizer/m/.ATTRIBUTES/VARIABLE_VALUE"];
        CheckpointWriter.Write(prefix, [.. names.Select(n => new KeyValuePair<string, EmbeddingMatrix>(n, m))]);
        using var reader = CheckpointReader.Open(prefix);
        Assert.Equal(["emb", "enc/Adamantium"], TensorBoardReader.EmbeddingVariables(reader));
    }

    [Fact]
    public void Tensor_path_run_reads_the_TSV_and_five_metadata_columns()
    {
        var root = Fixtures.Folder("tb-tensorpath-tsv-multicol");
        using var d = Assert.Single(DatasetReader.ReadAll(root, ReadOptions.Default));
        Assert.Equal(("logs", 4131, 22), (d.Run, d.Points, d.Dimensions));
        Assert.Equal(5, d.Metadata.Columns.Count);
    }
}
