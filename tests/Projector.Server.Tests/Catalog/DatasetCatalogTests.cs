using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Projector.Core.Data;
using Projector.Core.Formats.TensorBoard;
using Projector.Core.Tests.Formats.TensorBoard;

namespace Projector.Server.Tests.Catalog;

public sealed class DatasetCatalogTests(MnistServer mnist)
{
    [Fact]
    public async Task Catalog_lists_demo_mnist_with_its_shape_columns_and_sprite()
    {
        var items = await mnist.Server.GetJsonAsync("/api/datasets");
        var item = Assert.Single(items.EnumerateArray());
        Assert.Equal("mnist", item.GetProperty("id").GetString());
        Assert.Equal(10000, item.GetProperty("points").GetInt32());
        Assert.Equal(784, item.GetProperty("dimensions").GetInt32());
        Assert.Equal("demo:mnist", item.GetProperty("source").GetString());
        var label = Assert.Single(item.GetProperty("columns").EnumerateArray());
        Assert.Equal("label", label.GetProperty("name").GetString());
        Assert.Equal(10, label.GetProperty("distinct").GetInt32());
        Assert.Equal(28, item.GetProperty("sprite").GetProperty("tileWidth").GetInt32());
        var one = await mnist.Server.GetJsonAsync("/api/datasets/mnist");
        Assert.Equal(10000, one.GetProperty("points").GetInt32());
    }

    [Fact]
    public async Task Unknown_dataset_is_a_404_problem()
    {
        var detail = await Problems.AssertProblemAsync(mnist.Server.Client.GetAsync("/api/datasets/nope", TestContext.Current.CancellationToken), 404);
        Assert.Contains("nope", detail, StringComparison.Ordinal);
        await Problems.AssertProblemAsync(mnist.Server.Client.GetAsync("/api/datasets/nope/matrix", TestContext.Current.CancellationToken), 404);
    }

    [Fact]
    public async Task Log_dir_gives_one_item_per_run_tensor_and_step()
    {
        using var dir = new TempDir();
        var logs = Path.Combine(dir.Path, "logs");
        var run = Path.Combine(logs, "run1");
        using var early = Make(40, 6, 1);
        using var late = Make(40, 6, 2);
        new ProjectorLogWriter(run).Add(early).Write(step: 100);
        new ProjectorLogWriter(run).Add(late).Write(step: 200);

        await using var server = await RunningServer.StartAsync(new ServerOptions { LogDir = logs });
        var items = (await server.GetJsonAsync("/api/datasets")).EnumerateArray().ToList();
        Assert.Equal(["logs.run1.emb.s100", "logs.run1.emb.s200"], items.Select(i => i.GetProperty("id").GetString()));
        Assert.Equal([100L, 200L], items.Select(i => i.GetProperty("step").GetInt64()));
        Assert.All(items, i => Assert.Equal("run1", i.GetProperty("run").GetString()));
        Assert.Single(items.Select(i => i.GetProperty("group").GetString()).Distinct());
        Assert.All(items, i => Assert.Equal(40, i.GetProperty("points").GetInt32()));
        Assert.All(items, i => Assert.Equal(6, i.GetProperty("dimensions").GetInt32()));
        Assert.All(items, i => Assert.Equal("label", i.GetProperty("columns")[0].GetProperty("name").GetString()));
        var catalog = server.Services.GetRequiredService<ServerState>().Catalog;
        Assert.False(catalog.Get("logs.run1.emb.s100").IsLoaded, "listing reads one step per run and tensor, not every step");

        var first = await server.Client.GetByteArrayAsync("/api/datasets/logs.run1.emb.s100/matrix", TestContext.Current.CancellationToken);
        var second = await server.Client.GetByteArrayAsync("/api/datasets/logs.run1.emb.s200/matrix", TestContext.Current.CancellationToken);
        Assert.Equal(System.Runtime.InteropServices.MemoryMarshal.AsBytes(early.Matrix.ToArray().AsSpan()).ToArray(), first);
        Assert.Equal(System.Runtime.InteropServices.MemoryMarshal.AsBytes(late.Matrix.ToArray().AsSpan()).ToArray(), second);
    }

    [Fact]
    public async Task Keras_callback_log_lists_the_config_embedding_and_the_other_2D_variable_at_each_train_step()
    {
        using var dir = new TempDir();
        var logs = KerasLog.Write(dir.Path, KerasNaming.VariableName);

        await using var server = await RunningServer.StartAsync(new ServerOptions { LogDir = logs });
        var items = (await server.GetJsonAsync("/api/datasets")).EnumerateArray().ToList();
        Assert.Equal(
            [(KerasLog.VariableName, 1L), (KerasLog.VariableName, 2L), (KerasLog.KernelKey, 1L), (KerasLog.KernelKey, 2L)],
            items.Select(i => (i.GetProperty("tensor").GetString(), i.GetProperty("step").GetInt64())));
        Assert.All(items, i => Assert.Equal(".", i.GetProperty("run").GetString()));
        Assert.Equal([KerasLog.Words, KerasLog.Words, KerasLog.Dimensions, KerasLog.Dimensions], items.Select(i => i.GetProperty("points").GetInt32()));

        var newest = items[1];
        Assert.Equal("label", Assert.Single(newest.GetProperty("columns").EnumerateArray()).GetProperty("name").GetString());
        var id = newest.GetProperty("id").GetString();
        var matrix = await server.Client.GetByteArrayAsync($"/api/datasets/{id}/matrix", TestContext.Current.CancellationToken);
        Assert.Equal(System.Runtime.InteropServices.MemoryMarshal.AsBytes(KerasLog.Embedding(2).AsSpan()).ToArray(), matrix);
    }

    [Fact]
    public async Task A_log_entry_with_only_a_tensor_path_is_listed_and_read()
    {
        using var dir = new TempDir();
        var logs = Directory.CreateDirectory(dir.File("logs")).FullName;
        File.WriteAllText(Path.Combine(logs, "projector_config.pbtxt"), "embeddings {\n  metadata_path: \"metadata.tsv\"\n  tensor_path: \"embeddings.tsv\"\n}\n");
        File.WriteAllText(Path.Combine(logs, "embeddings.tsv"), "1\t2\n3\t4\n5\t6\n");
        File.WriteAllText(Path.Combine(logs, "metadata.tsv"), "a\nb\nc\n");
        await using var server = await RunningServer.StartAsync(new ServerOptions { LogDir = logs });
        var item = Assert.Single((await server.GetJsonAsync("/api/datasets")).EnumerateArray());
        Assert.Equal(3, item.GetProperty("points").GetInt32());
        Assert.Equal(2, item.GetProperty("dimensions").GetInt32());
    }

    [Fact]
    public async Task Open_reads_a_file_under_a_served_folder_and_refuses_paths_that_leave_it()
    {
        using var dir = new TempDir();
        var served = Directory.CreateDirectory(Path.Combine(dir.Path, "served")).FullName;
        var outside = Directory.CreateDirectory(Path.Combine(dir.Path, "outside")).FullName;
        Directory.CreateDirectory(Path.Combine(served, "sub"));
        Synthetic.WriteLabelledTsv(Path.Combine(served, "sub"), points: 30, dims: 4);
        Synthetic.WriteLabelledTsv(outside, points: 30, dims: 4);
        Directory.CreateSymbolicLink(Path.Combine(served, "link"), outside);
        File.WriteAllText(Path.Combine(served, "projector_config.json"), """{"embeddings":[{"tensorName":"t","tensorShape":[30,4],"tensorPath":"sub/blobs.tsv"}]}""");

        await using var server = await RunningServer.StartAsync(served);
        using (var ok = await server.Client.PostJson("/api/datasets/open", new { path = "sub/blobs.tsv" }))
        {
            Assert.Equal(201, (int)ok.StatusCode);
            var items = JsonDocument.Parse(await ok.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
            Assert.Equal(30, Assert.Single(items.EnumerateArray()).GetProperty("points").GetInt32());
        }

        foreach (var path in new[] { "../outside/blobs.tsv", Path.Combine(outside, "blobs.tsv"), "link/blobs.tsv", "sub/../../outside/blobs.tsv" })
        {
            await Problems.AssertProblemAsync(server.Client.PostJson("/api/datasets/open", new { path }), 403);
        }

        await Problems.AssertProblemAsync(server.Client.PostJson("/api/datasets/open", new { path = "sub/missing.tsv" }), 404);
        await Problems.AssertProblemAsync(server.Client.PostJson("/api/datasets/open", new { path = "sub/\0blobs.tsv" }), 400);

        // A config inside the served folder may not point outside it.
        Directory.CreateDirectory(Path.Combine(served, "sneaky"));
        File.WriteAllText(Path.Combine(served, "sneaky", "projector_config.json"), $$"""{"embeddings":[{"tensorName":"t","tensorShape":[30,4],"tensorPath":"../sub/blobs.tsv","metadataPath":"{{Path.Combine(outside, "blobs.tsv")}}"}]}""");
        await Problems.AssertProblemAsync(server.Client.PostJson("/api/datasets/open", new { path = "sneaky" }), 403);
    }

    private static Dataset Make(int n, int d, int seed)
    {
        var random = new Random(seed);
        var values = new float[n * d];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)random.NextDouble();
        }

        var labels = new MetadataTable(n, [new MetadataColumn("label", [.. Enumerable.Range(0, n).Select(i => (string?)$"c{i % 4}")])]);
        return new Dataset("emb", EmbeddingMatrix.FromArray(values, n, d), labels);
    }
}
