using Projector.Core.Formats.TensorBoard.Pbtxt;
using Projector.Core.Formats.TensorBoard.Protos;

namespace Projector.Core.Tests.Formats.TensorBoard.Pbtxt;

/// <summary>The projector configs and checkpoint files people published, parsed as TensorBoard reads them.</summary>
public sealed class TextFormatFixtureTests
{
    [Theory]
    [InlineData("tb-tf1-ckpt-history", "projector_config.pbtxt", "embed_var:0", "embedding_meta.tsv", "")]
    [InlineData("tb-tf2-tiny-numeric-labels", "logs/projector_config.pbtxt", "embedding/.ATTRIBUTES/VARIABLE_VALUE", "metadata.tsv", "")]
    [InlineData("tb-tensorpath-tsv-multicol", "logs/projector_config.pbtxt", "", "metadata.tsv", "embeddings.tsv")]
    public void Fixture_configs_with_one_embedding_parse_to_their_names_and_paths(string fixture, string file, string tensorName, string metadataPath, string tensorPath)
    {
        var config = TextFormat.ParseFile<ProjectorConfig>(Path.Combine(Fixtures.Folder(fixture), file));
        var e = Assert.Single(config.Embeddings);
        Assert.Equal((tensorName, metadataPath, tensorPath), (e.TensorName, e.MetadataPath, e.TensorPath));
        Assert.Null(e.Sprite);
        Assert.Empty(e.TensorShape);
        Assert.Equal("", config.ModelCheckpointPath);
    }

    [Fact]
    public void Fixture_mnist_config_parses_its_sprite_with_28_by_28_tiles()
    {
        var config = TextFormat.ParseFile<ProjectorConfig>(Path.Combine(Fixtures.Folder("tb-tf1-mnist-sprite"), "minimalsample", "projector_config.pbtxt"));
        var e = Assert.Single(config.Embeddings);
        Assert.Equal(("mnistembedding:0", "metadata.tsv"), (e.TensorName, e.MetadataPath));
        Assert.Equal("minimalsample/mnistdigits.png", e.Sprite.ImagePath);
        Assert.Equal([28u, 28u], e.Sprite.SingleImageDim);
    }

    [Fact]
    public void Fixture_pytorch_config_parses_all_its_embeddings_including_the_duplicate()
    {
        var path = Path.Combine(Fixtures.Folder("tb-pytorch-7x-duplicate-config"), "logs", "projector_config.pbtxt");
        var config = TextFormat.ParseFile<ProjectorConfig>(path);
        var blocks = File.ReadAllLines(path).Count(l => l == "embeddings {");
        Assert.Equal(blocks, config.Embeddings.Count);
        Assert.True(blocks > 7);
        for (var i = 0; i < config.Embeddings.Count; i++)
        {
            var e = config.Embeddings[i];
            var n = (i % 7) + 1;
            var dir = $"0000{n}/default/";
            Assert.Equal($"default:0000{n}", e.TensorName);
            Assert.Equal((dir + "tensors.tsv", dir + "metadata.tsv", dir + "sprite.png"), (e.TensorPath, e.MetadataPath, e.Sprite.ImagePath));
            Assert.Equal([28u, 28u], e.Sprite.SingleImageDim);
        }
    }

    [Fact]
    public void Fixture_checkpoint_files_parse_as_checkpoint_state_naming_the_newest_and_all_checkpoints()
    {
        var history = TextFormat.ParseFile<CheckpointState>(Path.Combine(Fixtures.Folder("tb-tf1-ckpt-history"), "checkpoint"));
        Assert.Equal("embedding-9", history.ModelCheckpointPath);
        Assert.Equal(["embedding-5", "embedding-6", "embedding-7", "embedding-8", "embedding-9"], history.AllModelCheckpointPaths);

        var mnist = TextFormat.ParseFile<CheckpointState>(Path.Combine(Fixtures.Folder("tb-tf1-mnist-sprite"), "minimalsample", "checkpoint"));
        Assert.Equal("model.ckpt-1", mnist.ModelCheckpointPath);
        Assert.Equal(["model.ckpt-1"], mnist.AllModelCheckpointPaths);

        var tf2 = TextFormat.ParseFile<CheckpointState>(Path.Combine(Fixtures.Folder("tb-tf2-tiny-numeric-labels"), "logs", "checkpoint"));
        Assert.Equal("embedding.ckpt-1", tf2.ModelCheckpointPath);
        Assert.Equal(["embedding.ckpt-1"], tf2.AllModelCheckpointPaths);
    }

    [Fact]
    public void Every_fixture_pbtxt_and_checkpoint_file_parses()
    {
        var root = Fixtures.Folder(".");
        var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) is "projector_config.pbtxt" or "checkpoint")
            .ToList();
        Assert.NotEmpty(files);
        foreach (var f in files)
        {
            if (Path.GetFileName(f) == "checkpoint")
            {
                Assert.NotEqual("", TextFormat.ParseFile<CheckpointState>(f).ModelCheckpointPath);
            }
            else
            {
                Assert.NotEmpty(TextFormat.ParseFile<ProjectorConfig>(f).Embeddings);
            }
        }
    }
}
