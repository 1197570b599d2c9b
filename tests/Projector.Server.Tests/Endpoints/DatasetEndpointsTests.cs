using System.Runtime.InteropServices;
using Projector.Core.Imaging.Png;
using Projector.Demos;

namespace Projector.Server.Tests.Endpoints;

public sealed class DatasetEndpointsTests(MnistServer mnist)
{
    private static readonly Lazy<Core.Data.Dataset> Digits = new(() => MnistDemo.Load());

    [Fact]
    public async Task Matrix_is_the_datasets_float32_bytes_with_shape_headers()
    {
        using var response = await mnist.Server.Client.GetAsync("/api/datasets/mnist/matrix", TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("10000", Assert.Single(response.Headers.GetValues("X-Points")));
        Assert.Equal("784", Assert.Single(response.Headers.GetValues("X-Dimensions")));
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal(10000L * 784 * 4, bytes.LongLength);
        Assert.True(MemoryMarshal.AsBytes(Digits.Value.Matrix.RowBlock(0, 10000)).SequenceEqual(bytes));
    }

    [Fact]
    public async Task Metadata_lists_every_column_with_one_value_per_row()
    {
        var metadata = await mnist.Server.GetJsonAsync("/api/datasets/mnist/metadata");
        Assert.Equal(10000, metadata.GetProperty("rows").GetInt32());
        var label = Assert.Single(metadata.GetProperty("columns").EnumerateArray());
        Assert.Equal("label", label.GetProperty("name").GetString());
        var values = label.GetProperty("values").EnumerateArray().ToList();
        Assert.Equal(10000, values.Count);
        var expected = Digits.Value.Metadata["label"]!;
        Assert.Equal(expected.Kind == Core.Data.MetadataKind.Number ? "number" : "text", label.GetProperty("kind").GetString());
        Assert.Equal(expected.Values, values.Select(v => v.ValueKind == System.Text.Json.JsonValueKind.Number ? v.GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture) : v.GetString()));
        var counts = values.GroupBy(v => v.ToString()).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Count());
        Assert.Equal([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978], counts);
    }

    [Fact]
    public async Task Sprite_is_a_png_of_the_sheet()
    {
        using var response = await mnist.Server.Client.GetAsync("/api/datasets/mnist/sprite", TestContext.Current.CancellationToken);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var image = PngDecoder.Decode(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), "sprite");
        Assert.Equal(2800, image.Width);
        Assert.Equal(2800, image.Height);
        Assert.Equal(Digits.Value.Sprite!.GetImage().Pixels, image.Pixels);
    }

    [Fact]
    public async Task Sprite_of_a_dataset_without_one_is_a_404_problem()
    {
        using var dir = new TempDir();
        await using var server = await RunningServer.StartAsync(Synthetic.WriteLabelledTsv(dir.Path, 20, 3));
        await Problems.AssertProblemAsync(server.Client.GetAsync("/api/datasets/blobs/sprite", TestContext.Current.CancellationToken), 404);
    }

    [Fact]
    public async Task Page_root_explains_how_to_build_when_there_is_no_index_and_serves_it_when_there_is()
    {
        using var web = new TempDir();
        await using (var server = await RunningServer.StartAsync(new ServerOptions { Paths = ["demo:mnist"], WebRoot = web.Path }))
        {
            var html = await server.Client.GetStringAsync("/", TestContext.Current.CancellationToken);
            Assert.Contains("not built", html, StringComparison.Ordinal);
            Assert.Contains("dotnet build", html, StringComparison.Ordinal);
        }

        File.WriteAllText(web.File("index.html"), "<!doctype html><title>the page</title>");
        File.WriteAllText(web.File("app.js"), "console.log(1)");
        await using (var server = await RunningServer.StartAsync(new ServerOptions { Paths = ["demo:mnist"], WebRoot = web.Path }))
        {
            Assert.Contains("the page", await server.Client.GetStringAsync("/", TestContext.Current.CancellationToken), StringComparison.Ordinal);
            Assert.Equal("console.log(1)", await server.Client.GetStringAsync("/app.js", TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task Site_json_tells_the_page_to_use_the_api()
    {
        var site = await mnist.Server.GetJsonAsync("/site.json");
        Assert.Equal(1, site.GetProperty("version").GetInt32());
        Assert.Equal("api/", site.GetProperty("api").GetString());
        Assert.False(site.TryGetProperty("datasets", out _));
    }

    [Fact]
    public async Task OpenApi_document_describes_the_api()
    {
        var doc = await mnist.Server.GetJsonAsync("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/datasets/{id}/matrix", out _));
        Assert.True(paths.TryGetProperty("/api/projections", out _));
    }
}
