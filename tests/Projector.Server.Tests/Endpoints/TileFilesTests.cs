using Projector.Core;
using Projector.Core.Data;
using Projector.Core.Publishing.Tiles;

namespace Projector.Server.Tests.Endpoints;

public sealed class TileFilesTests
{
    [Fact]
    public async Task A_tile_set_is_served_under_tiles_with_the_tile_page_at_the_root_and_nothing_outside_it()
    {
        using var dir = new TempDir();
        var set = WriteTileSet(dir.File("set"));
        File.WriteAllText(dir.File("secret.txt"), "not served");
        using var web = new TempDir();
        File.WriteAllText(web.File("index.html"), "<title>datasets</title>");
        File.WriteAllText(web.File("tiles.html"), "<title>tile page</title>");
        await using var server = await RunningServer.StartAsync(new ServerOptions { TilesFolder = set, WebRoot = web.Path });
        var ct = TestContext.Current.CancellationToken;

        Assert.Contains("tile page", await server.Client.GetStringAsync("/", ct), StringComparison.Ordinal);
        Assert.Contains("datasets", await server.Client.GetStringAsync("/index.html", ct), StringComparison.Ordinal);
        Assert.Equal("tiles/tiles.json", (await server.GetJsonAsync("/site.json")).GetProperty("tiles").GetString());
        Assert.Equal("projector-tiles", (await server.GetJsonAsync("/tiles/tiles.json")).GetProperty("format").GetString());
        using (var tile = await server.Client.GetAsync("/tiles/0/0/0.arrow", ct))
        {
            Assert.True(tile.IsSuccessStatusCode);
            Assert.Equal("application/vnd.apache.arrow.file", tile.Content.Headers.ContentType?.MediaType);
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(set, "0", "0", "0.arrow"), ct), await tile.Content.ReadAsByteArrayAsync(ct));
        }

        foreach (var path in new[] { "/tiles/../secret.txt", "/tiles/%2e%2e/secret.txt", "/tiles/.projector-export.json" })
        {
            using var response = await server.Client.GetAsync(path, ct);
            Assert.False(response.IsSuccessStatusCode, path);
        }

        // A tile set alone serves no dataset (not the MNIST demo).
        Assert.Equal(0, (await server.GetJsonAsync("/api/datasets")).GetArrayLength());
    }

    [Fact]
    public void A_damaged_tiles_json_stops_the_start_with_one_line_naming_it()
    {
        using var dir = new TempDir();
        var set = WriteTileSet(dir.File("set"));
        var manifest = Path.Combine(set, TileSetManifest.FileName);
        File.WriteAllText(manifest, File.ReadAllText(manifest)[..40]);
        var e = Assert.Throws<DataFormatException>(() => ProjectorServer.Build(new ServerOptions { TilesFolder = set, Port = 0 }));
        Assert.Equal(manifest, e.FilePath);
        Assert.DoesNotContain('\n', e.Message);
    }

    private static string WriteTileSet(string folder)
    {
        const int n = 2_000;
        var rng = new Random(4);
        var positions = new float[n * 2];
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] = (float)rng.NextDouble();
        }

        using var dataset = new Dataset("points", EmbeddingMatrix.FromArray(new float[n], n, 1));
        TileExport.Write(folder, dataset, EmbeddingMatrix.FromArray(positions, n, 2), new TileSetOptions { TilePoints = 500 });
        return folder;
    }
}
