using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Publishing.Tiles;

namespace Projector.Server.Tests.Endpoints;

public sealed class TileEndpointsTests
{
    [Fact]
    public async Task The_tile_page_finds_the_served_dataset_and_where_its_rows_lie()
    {
        using var dir = new TempDir();
        var npy = Synthetic.WriteNpy(dir.Path, 600, 6);
        var layout = Layout(600);
        using (var dataset = DatasetReader.Read(npy, new ReadOptions { MetadataPath = dir.File("blobs_labels.tsv") }))
        {
            TileExport.Write(dir.File("set"), dataset, EmbeddingMatrix.FromArray(layout, 600, 2), new TileSetOptions { TilePoints = 100 });
        }

        Assert.True(File.Exists(Path.Combine(dir.File("set"), "positions.npy")));
        await using var server = await RunningServer.StartAsync(new ServerOptions { Paths = [npy], TilesFolder = dir.File("set") });
        var ct = TestContext.Current.CancellationToken;

        var links = await server.GetJsonAsync("/api/tiles");
        Assert.Equal(600, links.GetProperty("points").GetInt32());
        Assert.Equal("blobs", links.GetProperty("dataset").GetString());
        Assert.True(links.GetProperty("positions").GetBoolean());

        var points = await server.GetJsonAsync("/api/tiles/points?ids=5,599,0");
        Assert.Equal([5, 599, 0], points.GetProperty("ids").EnumerateArray().Select(i => i.GetInt32()));
        Assert.Equal(new[] { layout[10], layout[11], layout[1198], layout[1199], layout[0], layout[1] }, points.GetProperty("positions").EnumerateArray().Select(v => v.GetSingle()));

        // The dataset's own search and neighbours answer for the set's rows.
        var neighbours = await server.GetJsonAsync("/api/datasets/blobs/neighbors?point=5&k=3");
        Assert.Equal(3, neighbours.GetProperty("neighbors").GetArrayLength());

        foreach (var bad in new[] { "/api/tiles/points?ids=600", "/api/tiles/points?ids=-1", "/api/tiles/points?ids=", "/api/tiles/points?ids=" + string.Join(',', Enumerable.Range(0, 1001)) })
        {
            await Problems.AssertProblemAsync(server.Client.GetAsync(bad, ct), 400);
        }
    }

    [Fact]
    public async Task A_set_without_positions_or_no_set_at_all_is_a_404_saying_what_to_do()
    {
        using var dir = new TempDir();
        var layout = Layout(300);
        using (var dataset = new Dataset("points", EmbeddingMatrix.FromArray(new float[300], 300, 1)))
        {
            TileExport.Write(dir.File("set"), dataset, EmbeddingMatrix.FromArray(layout, 300, 2), new TileSetOptions { TilePoints = 100 });
        }

        File.Delete(Path.Combine(dir.File("set"), "positions.npy"));
        await using (var server = await RunningServer.StartAsync(new ServerOptions { TilesFolder = dir.File("set") }))
        {
            var links = await server.GetJsonAsync("/api/tiles");
            Assert.Equal(System.Text.Json.JsonValueKind.Null, links.GetProperty("dataset").ValueKind);
            Assert.False(links.GetProperty("positions").GetBoolean());
            var detail = await Problems.AssertProblemAsync(server.Client.GetAsync("/api/tiles/points?ids=1", TestContext.Current.CancellationToken), 404);
            Assert.Contains("export it again", detail, StringComparison.Ordinal);
        }

        await using var plain = await RunningServer.StartAsync(Synthetic.WriteNpy(dir.Path, 30, 3));
        var none = await Problems.AssertProblemAsync(plain.Client.GetAsync("/api/tiles", TestContext.Current.CancellationToken), 404);
        Assert.Contains("--tiles", none, StringComparison.Ordinal);
    }

    private static float[] Layout(int n)
    {
        var random = new Random(3);
        return [.. Enumerable.Range(0, 2 * n).Select(_ => (float)random.NextDouble() * 10)];
    }
}
