using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using Projector.Core.Data;
using Projector.Core.Formats.Npy;

namespace Projector.Server.Tests.Endpoints;

public sealed class UploadEndpointsTests
{
    [Fact]
    public async Task Npy_upload_with_metadata_becomes_a_catalog_item()
    {
        using var data = new TempDir();
        var values = Synthetic.Blobs(60, 4);
        var npy = data.File("vectors.npy");
        using (var matrix = EmbeddingMatrix.FromArray(values, 60, 4))
        {
            NpyWriter.Write(npy, matrix);
        }

        await using var server = await RunningServer.StartAsync(new ServerOptions { Paths = ["demo:mnist"] });
        using var form = new MultipartFormDataContent
        {
            { File(npy), "tensor", "vectors.npy" },
            { new StringContent(string.Join('\n', Synthetic.Labels(60)) + "\n"), "metadata", "labels.tsv" },
            { new StringContent("my vectors"), "name" },
        };
        using var response = await server.Client.PostAsync("/api/datasets", form, TestContext.Current.CancellationToken);
        Assert.Equal(201, (int)response.StatusCode);
        var item = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("my vectors", item.GetProperty("name").GetString());
        Assert.Equal(60, item.GetProperty("points").GetInt32());
        Assert.Equal("label", item.GetProperty("columns")[0].GetProperty("name").GetString());
        var id = item.GetProperty("id").GetString()!;
        var bytes = await server.Client.GetByteArrayAsync($"/api/datasets/{id}/matrix", TestContext.Current.CancellationToken);
        Assert.Equal(values, MemoryMarshal.Cast<byte, float>(bytes).ToArray());
        Assert.Equal(2, (await server.GetJsonAsync("/api/datasets")).GetArrayLength());
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(server.State.Path, "uploads"), "*.npy", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Bytes_upload_needs_and_uses_the_shape()
    {
        var values = Synthetic.Blobs(25, 8);
        var raw = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        await using var server = await RunningServer.StartAsync(new ServerOptions { Paths = ["demo:mnist"] });

        using (var noShape = new MultipartFormDataContent { { new ByteArrayContent(raw), "tensor", "w.bytes" } })
        {
            await Problems.AssertProblemAsync(server.Client.PostAsync("/api/datasets", noShape, TestContext.Current.CancellationToken), 400);
        }

        using var form = new MultipartFormDataContent { { new ByteArrayContent(raw), "tensor", "w.bytes" }, { new StringContent("0,8"), "shape" } };
        using var response = await server.Client.PostAsync("/api/datasets", form, TestContext.Current.CancellationToken);
        Assert.Equal(201, (int)response.StatusCode);
        var item = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(25, item.GetProperty("points").GetInt32());
        Assert.Equal(8, item.GetProperty("dimensions").GetInt32());
        var bytes = await server.Client.GetByteArrayAsync($"/api/datasets/{item.GetProperty("id").GetString()}/matrix", TestContext.Current.CancellationToken);
        Assert.Equal(raw, bytes);
    }

    [Fact]
    public async Task Bad_file_is_a_400_with_the_readers_sentence()
    {
        await using var server = await RunningServer.StartAsync(new ServerOptions { Paths = ["demo:mnist"] });
        using var form = new MultipartFormDataContent { { new StringContent("this is not numpy"), "tensor", "x.npy" } };
        var detail = await Problems.AssertProblemAsync(server.Client.PostAsync("/api/datasets", form, TestContext.Current.CancellationToken), 400);
        Assert.Contains(".npy", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_over_the_limit_is_a_413_problem()
    {
        await using var server = await RunningServer.StartAsync(new ServerOptions { Paths = ["demo:mnist"], MaxUploadMegabytes = 1 });
        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[(1 << 20) + 4096]), "tensor", "big.bytes" }, { new StringContent("0,4"), "shape" } };
        var detail = await Problems.AssertProblemAsync(server.Client.SendAsync(Problems.Oversized("/api/datasets", form), TestContext.Current.CancellationToken), 413);
        Assert.Contains("1 MB", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_single_file_format_of_the_registry_uploads_and_the_formats_route_lists_them()
    {
        using var data = new TempDir();
        var values = Synthetic.Blobs(30, 4);
        var parquet = data.File("vectors.parquet");
        using (var matrix = EmbeddingMatrix.FromArray(values, 30, 4))
        using (var dataset = new Dataset("vectors", matrix))
        {
            Core.Formats.DatasetWriter.Write(parquet, [dataset]);
        }

        await using var server = await RunningServer.StartAsync(new ServerOptions { Paths = ["demo:mnist"] });
        var formats = (await server.GetJsonAsync("/api/formats")).EnumerateArray().ToList();
        Assert.Contains(formats, f => f.GetProperty("name").GetString() == "parquet" && f.GetProperty("upload").GetBoolean() && f.GetProperty("write").GetBoolean());
        Assert.Contains(formats, f => f.GetProperty("name").GetString() == "bytes" && f.GetProperty("needsShape").GetBoolean());
        Assert.Contains(formats, f => f.GetProperty("name").GetString() == "projector-config" && !f.GetProperty("upload").GetBoolean());

        using var form = new MultipartFormDataContent { { File(parquet), "tensor", "vectors.parquet" } };
        using var response = await server.Client.PostAsync("/api/datasets", form, TestContext.Current.CancellationToken);
        Assert.Equal(201, (int)response.StatusCode);
        var id = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("id").GetString()!;
        var bytes = await server.Client.GetByteArrayAsync($"/api/datasets/{id}/matrix", TestContext.Current.CancellationToken);
        Assert.Equal(values, MemoryMarshal.Cast<byte, float>(bytes).ToArray());
    }

    private static ByteArrayContent File(string path)
    {
        var content = new ByteArrayContent(System.IO.File.ReadAllBytes(path));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }
}
