using System.Runtime.InteropServices;
using System.Text.Json;
using Projector.Core.Data;
using Projector.Core.Neighbors;
using Projector.Core.Projections;
using Projector.Core.Publishing.Export;
using Projector.Core.Publishing.StaticSite;
using Projector.Core.Tests.Publishing.Export;

namespace Projector.Core.Tests.Publishing.StaticSite;

public sealed class StaticSiteWriterTests
{
    [Fact]
    public void The_site_holds_every_data_file_of_the_contract_with_the_right_sizes()
    {
        using var dir = new TempDir();
        var page = dir.Write("page/index.html", "<!doctype html>");
        dir.Write("page/assets/app.js", "// page");
        using var d = ExportTestData.Clusters(n: 80, d: 5, sprite: true);
        var options = new ExportOptions
        {
            Site = new StaticSiteOptions { Layouts = [LayoutMethod.Pca, LayoutMethod.Umap], Neighbors = 7, NeighborMetric = Metric.Euclidean, PageFolder = Path.GetDirectoryName(page) },
        };
        var site = dir.File("site");
        var summary = DatasetExport.Write(site, ExportFormat.Site, [d], options);
        var sizes = summary.Files.ToDictionary(f => f.Path, f => f.Bytes);
        var id = "clusters";
        Assert.Equal(80L * 5 * 4, sizes[$"data/{id}/matrix.f32"]);
        Assert.Equal(80L * 5 * 4, sizes[$"data/{id}/layout-pca.f32"]);
        Assert.Equal(80L * 2 * 4, sizes[$"data/{id}/layout-umap.f32"]);
        Assert.Equal(80L * 7 * 8, sizes[$"data/{id}/neighbors-euclidean-k7/0.bin"]);
        Assert.Contains("index.html", sizes.Keys);
        Assert.Contains("assets/app.js", sizes.Keys);
        Assert.Contains($"data/{id}/sprite.png", sizes.Keys);
        Assert.Equal("[]", File.ReadAllText(Path.Combine(site, "data", id, "bookmarks.json")));

        var matrix = File.ReadAllBytes(Path.Combine(site, "data", id, "matrix.f32"));
        Assert.Equal(d.Matrix.ToArray(), MemoryMarshal.Cast<byte, float>(matrix).ToArray());

        using var siteJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(site, "site.json")));
        Assert.Equal(1, siteJson.RootElement.GetProperty("version").GetInt32());
        Assert.Equal("projector", siteJson.RootElement.GetProperty("generator").GetString());
        Assert.Equal("data/datasets.json", siteJson.RootElement.GetProperty("datasets").GetString());
    }

    [Fact]
    public void A_configs_bookmarks_are_written_read_only_with_the_servers_ids()
    {
        using var dir = new TempDir();
        var bookmarks = dir.Write("bookmarks.json", """[ { "label": "sevens", "selectedProjection": "pca" }, { "selectedProjection": "tsne" } ]""");
        using var source = ExportTestData.Clusters(n: 20, d: 3);
        using var d = new Dataset("clusters", EmbeddingMatrix.FromArray(source.Matrix.ToArray(), 20, 3), source.Metadata, null, "clusters") { BookmarksPath = bookmarks };
        var site = dir.File("site");
        DatasetExport.Write(site, ExportFormat.Site, [d], new ExportOptions { Site = new StaticSiteOptions { Layouts = [], Neighbors = 0 } });
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(site, "data", "clusters", "bookmarks.json")));
        var items = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(["config-1", "config-2"], items.Select(b => b.GetProperty("id").GetString()));
        Assert.Equal(["sevens", "Bookmark 2"], items.Select(b => b.GetProperty("name").GetString()));
        Assert.All(items, b => Assert.True(b.GetProperty("readOnly").GetBoolean()));
        Assert.All(items, b => Assert.Equal(JsonValueKind.Null, b.GetProperty("created").ValueKind));
        Assert.Equal("tsne", items[1].GetProperty("state").GetProperty("selectedProjection").GetString());
    }

    [Fact]
    public void The_neighbour_file_holds_the_graph_of_NeighborSearch()
    {
        using var dir = new TempDir();
        using var d = ExportTestData.Clusters(n: 50, d: 4);
        var site = dir.File("site");
        DatasetExport.Write(site, ExportFormat.Site, [d], new ExportOptions { Site = new StaticSiteOptions { Layouts = [], Neighbors = 5 } });
        var graph = NeighborSearch.BuildGraph(d.Matrix, 5, Metric.Cosine);
        var bytes = File.ReadAllBytes(Path.Combine(site, "data", "clusters", "neighbors-cosine-k5", "0.bin"));
        var indices = MemoryMarshal.Cast<byte, int>(bytes.AsSpan(0, 50 * 5 * 4)).ToArray();
        var distances = MemoryMarshal.Cast<byte, float>(bytes.AsSpan(50 * 5 * 4)).ToArray();
        Assert.Equal(graph.Indices(0).ToArray(), indices[..5]);
        Assert.Equal(graph.Distances(0).ToArray(), distances[..5]);
        Assert.Equal(graph.AllIndices, indices);

        using var list = JsonDocument.Parse(File.ReadAllText(Path.Combine(site, "data", "clusters", "neighbors.json")));
        var entry = Assert.Single(list.RootElement.EnumerateArray());
        Assert.Equal("cosine", entry.GetProperty("metric").GetString());
        Assert.Equal(5, entry.GetProperty("k").GetInt32());
        Assert.Equal("neighbors-cosine-k5", entry.GetProperty("file").GetString());
        Assert.Equal(StaticSiteWriter.NeighborChunkRows(5), entry.GetProperty("chunkRows").GetInt32());
        Assert.Equal("[]", File.ReadAllText(Path.Combine(site, "data", "clusters", "layouts.json")).Replace(" ", string.Empty, StringComparison.Ordinal).ReplaceLineEndings(string.Empty));
    }

    [Fact]
    public void Neighbour_lists_are_cut_in_small_chunks_of_whole_rows()
    {
        using var dir = new TempDir();
        using var d = ExportTestData.Clusters(n: 700, d: 4);
        var site = dir.File("site");
        DatasetExport.Write(site, ExportFormat.Site, [d], new ExportOptions { Site = new StaticSiteOptions { Layouts = [], Neighbors = 100 } });
        var graph = NeighborSearch.BuildGraph(d.Matrix, 100, Metric.Cosine);
        var rows = StaticSiteWriter.NeighborChunkRows(100);
        Assert.Equal(327, rows);
        var folder = Path.Combine(site, "data", "clusters", "neighbors-cosine-k100");
        Assert.Equal(["0.bin", "1.bin", "2.bin"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        for (var chunk = 0; chunk < 3; chunk++)
        {
            var bytes = File.ReadAllBytes(Path.Combine(folder, $"{chunk}.bin"));
            var count = Math.Min(rows, 700 - (chunk * rows));
            Assert.True(bytes.Length <= StaticSiteWriter.NeighborChunkBytes);
            Assert.Equal(count * 100 * 8, bytes.Length);
            var indices = MemoryMarshal.Cast<byte, int>(bytes.AsSpan(0, count * 100 * 4)).ToArray();
            var distances = MemoryMarshal.Cast<byte, float>(bytes.AsSpan(count * 100 * 4)).ToArray();
            Assert.Equal(graph.AllIndices.AsSpan(chunk * rows * 100, count * 100).ToArray(), indices);
            Assert.Equal(graph.AllDistances.AsSpan(chunk * rows * 100, count * 100).ToArray(), distances);
        }
    }

    [Fact]
    public void Datasets_json_items_are_shaped_like_the_api_catalog()
    {
        using var dir = new TempDir();
        using var a = ExportTestData.Clusters(n: 30, sprite: true, name: "My Vectors!");
        using var b = ExportTestData.Clusters(n: 20, seed: 3, name: "My Vectors!");
        var site = dir.File("site");
        DatasetExport.Write(site, ExportFormat.Site, [a, b], new ExportOptions { Site = new StaticSiteOptions { Layouts = [LayoutMethod.Pca], Neighbors = 3 } });
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(site, "data", "datasets.json")));
        var items = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        var first = items[0];
        Assert.Equal(
            ["id", "name", "points", "dimensions", "source", "group", "tensor", "run", "step", "columns", "sprite", "warnings"],
            first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("my-vectors", first.GetProperty("id").GetString());
        Assert.Equal("my-vectors-2", items[1].GetProperty("id").GetString());
        Assert.Equal(30, first.GetProperty("points").GetInt32());
        Assert.Equal(6, first.GetProperty("dimensions").GetInt32());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("run").ValueKind);
        Assert.Equal(JsonValueKind.Null, first.GetProperty("step").ValueKind);
        var columns = first.GetProperty("columns").EnumerateArray().ToList();
        Assert.Equal(["category", "score"], columns.Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(["text", "number"], columns.Select(c => c.GetProperty("kind").GetString()));
        Assert.Equal(3, columns[0].GetProperty("distinct").GetInt32());
        Assert.Equal(0, columns[0].GetProperty("missing").GetInt32());
        var sprite = first.GetProperty("sprite");
        Assert.Equal(24, sprite.GetProperty("width").GetInt32());
        Assert.Equal(4, sprite.GetProperty("tileWidth").GetInt32());
        Assert.Equal(JsonValueKind.Null, items[1].GetProperty("sprite").ValueKind);
        Assert.Equal(JsonValueKind.Array, first.GetProperty("warnings").ValueKind);

        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(site, "data", "my-vectors", "metadata.json")));
        Assert.Equal(30, metadata.RootElement.GetProperty("rows").GetInt32());
        var score = metadata.RootElement.GetProperty("columns")[1];
        Assert.Equal("number", score.GetProperty("kind").GetString());
        Assert.Equal(1.5, score.GetProperty("values")[3].GetDouble());
        Assert.Equal("group b", metadata.RootElement.GetProperty("columns")[0].GetProperty("values")[1].GetString());

        using var layouts = JsonDocument.Parse(File.ReadAllText(Path.Combine(site, "data", "my-vectors", "layouts.json")));
        var pca = Assert.Single(layouts.RootElement.EnumerateArray());
        Assert.Equal("pca", pca.GetProperty("method").GetString());
        Assert.Equal(6, pca.GetProperty("dims").GetInt32());
        Assert.Equal(42, pca.GetProperty("seed").GetInt32());
        Assert.Equal("layout-pca.f32", pca.GetProperty("file").GetString());
        Assert.Equal(6, pca.GetProperty("explainedVariance").GetArrayLength());
        Assert.Equal(6, pca.GetProperty("options").GetProperty("components").GetInt32());
    }

    [Fact]
    public void Tsne_layouts_are_written_with_their_options()
    {
        using var dir = new TempDir();
        using var d = ExportTestData.Clusters(n: 90, d: 5);
        var site = dir.File("site");
        var summary = DatasetExport.Write(site, ExportFormat.Site, [d], new ExportOptions { Site = new StaticSiteOptions { Layouts = [LayoutMethod.Tsne], Neighbors = 0 } });
        Assert.Equal(90L * 2 * 4, summary.Files.Single(f => f.Path.EndsWith("layout-tsne.f32", StringComparison.Ordinal)).Bytes);
        using var layouts = JsonDocument.Parse(File.ReadAllText(Path.Combine(site, "data", "clusters", "layouts.json")));
        var tsne = Assert.Single(layouts.RootElement.EnumerateArray());
        Assert.Equal(2, tsne.GetProperty("dims").GetInt32());
        Assert.Equal("auto", tsne.GetProperty("options").GetProperty("learningRate").GetString());
        Assert.Equal(JsonValueKind.Null, tsne.GetProperty("explainedVariance").ValueKind);
        var positions = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(Path.Combine(site, "data", "clusters", "layout-tsne.f32"))).ToArray();
        Assert.All(positions, p => Assert.True(float.IsFinite(p)));
        Assert.Equal("[]", File.ReadAllText(Path.Combine(site, "data", "clusters", "neighbors.json")).Trim());

        // The layout's clusters: a small JSON file named in layouts.json, and N int32 of cluster ids
        Assert.Equal("clusters-tsne.json", tsne.GetProperty("clusters").GetString());
        using var clusters = JsonDocument.Parse(File.ReadAllText(Path.Combine(site, "data", "clusters", "clusters-tsne.json")));
        Assert.Equal(90, clusters.RootElement.GetProperty("points").GetInt32());
        Assert.Equal(2, clusters.RootElement.GetProperty("dimensions").GetInt32());
        var ids = MemoryMarshal.Cast<byte, int>(File.ReadAllBytes(Path.Combine(site, "data", "clusters", clusters.RootElement.GetProperty("file").GetString()!))).ToArray();
        Assert.Equal(90, ids.Length);
        var found = clusters.RootElement.GetProperty("clusters").EnumerateArray().ToList();
        Assert.NotEmpty(found);
        Assert.Equal(found.Sum(c => c.GetProperty("size").GetInt32()), ids.Count(i => i >= 0));
        Assert.Equal(clusters.RootElement.GetProperty("noise").GetInt32(), ids.Count(i => i < 0));
        Assert.All(found, c => Assert.Equal(2, c.GetProperty("center").GetArrayLength()));
    }

    [Theory]
    [InlineData("demo:mnist", null, null, "mnist")]
    [InlineData("My Vectors!", null, null, "my-vectors")]
    [InlineData("embedding", "run1", 200L, "run1.embedding.s200")]
    [InlineData("Σ", null, null, "embedding")]
    public void Ids_are_short_url_safe_and_stable(string name, string? run, long? step, string id)
    {
        using var m = EmbeddingMatrix.FromArray(new float[4], 2, 2);
        var d = new Dataset(name, m) { Run = run, Step = step };
        Assert.Equal(id, DatasetIds.For(d));
    }
}
