using Projector.Core.Data;
using Projector.Core.Formats;

namespace Projector.Server.Tests.Catalog;

public sealed class PublishedFolderCatalogTests
{
    [Fact]
    public async Task A_published_project_serves_every_embedding_and_lists_a_broken_config_with_its_reason()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("index.html"), "<!doctype html>");
        Directory.CreateDirectory(dir.File("oss_data"));
        using (var m = EmbeddingMatrix.FromArray([.. Enumerable.Range(0, 12).Select(i => (float)i)], 4, 3))
        using (var d = new Dataset("t", m))
        {
            DatasetWriter.Write(dir.File("oss_data/v.bytes"), [d]);
        }

        File.WriteAllText(dir.File("oss_data/demo_projector_config.json"), """{"embeddings":[{"tensorName":"v","tensorShape":[4,3],"tensorPath":"oss_data/v.bytes"}]}""");
        File.WriteAllText(dir.File("oss_data/old_projector_config.json"), """{"embeddings":[""");
        await using var server = await RunningServer.StartAsync(dir.Path);
        var items = (await server.GetJsonAsync("/api/datasets")).EnumerateArray().ToList();
        var good = Assert.Single(items, i => i.GetProperty("points").GetInt32() == 4);
        Assert.Equal(3, good.GetProperty("dimensions").GetInt32());
        Assert.Empty(good.GetProperty("warnings").EnumerateArray());
        var broken = Assert.Single(items, i => i.GetProperty("points").GetInt32() == 0);
        Assert.Contains("not valid JSON", broken.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_leftover_tensorboard_config_is_listed_with_its_reason_beside_the_working_config()
    {
        using var dir = new TempDir();
        using (var m = EmbeddingMatrix.FromArray([.. Enumerable.Range(0, 6).Select(i => (float)i)], 3, 2))
        using (var d = new Dataset("t", m))
        {
            DatasetWriter.Write(dir.File("v.bytes"), [d]);
        }

        File.WriteAllText(dir.File("projector_config.json"), """{"embeddings":[{"tensorName":"v","tensorShape":[3,2],"tensorPath":"v.bytes"}]}""");
        File.WriteAllText(dir.File("projector_config.pbtxt"), "model_checkpoint_path: \"/elsewhere/model.ckpt-10\"\nembeddings { tensor_name: \"emb\" }\n");
        await using var server = await RunningServer.StartAsync(dir.Path);
        var items = (await server.GetJsonAsync("/api/datasets")).EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.Single(items, i => i.GetProperty("points").GetInt32() == 3);
        var leftover = Assert.Single(items, i => i.GetProperty("points").GetInt32() == 0);
        Assert.Contains("model.ckpt-10", leftover.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);
    }
}
