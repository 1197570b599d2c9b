using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text.Json;
using Projector.Core.Data;
using Projector.Core.Formats.Npy;
using Projector.Onnx.Tests;

namespace Projector.Server.Tests.Endpoints;

/// <summary>New items placed into a finished layout land with their kind; what cannot be placed is a clear 4xx.</summary>
public sealed class PlaceEndpointsTests
{
    [Theory]
    [InlineData("tsne")]
    [InlineData("umap")]
    [InlineData("pca")]
    public async Task Vectors_of_a_blob_land_among_that_blobs_points_with_its_rows_as_neighbours(string method)
    {
        using var dir = new TempDir();
        await using var server = await RunningServer.StartAsync(Synthetic.WriteLabelledTsv(dir.Path, 300, 10));
        var id = await FinishedJob(server, method);
        var layout = await ProjectionEndpointsTests.Layout(server, id);

        // Two new rows per blob: blob b has 10 in column b (Synthetic.Blobs).
        var rows = new float[6 * 10];
        for (var i = 0; i < 6; i++)
        {
            rows[(i * 10) + (i % 3)] = 10f;
            rows[(i * 10) + 5] = 0.3f;
        }

        using var response = await PostRows(server, id, rows, 10);
        var answer = await Answer(response);

        Assert.Equal(6, answer.GetProperty("points").GetInt32());
        Assert.False(answer.GetProperty("embedded").GetBoolean());
        var dims = answer.GetProperty("dimensions").GetInt32();
        var positions = Positions(answer);
        Assert.Equal(6 * dims, positions.Length);
        var layoutDims = layout.Length / 300;
        for (var i = 0; i < 6; i++)
        {
            var nearest = Enumerable.Range(0, 3).MinBy(b => Distance(positions.AsSpan(i * dims, 2), Centre(layout, layoutDims, b)));
            Assert.Equal(i % 3, nearest);
            var neighbours = answer.GetProperty("neighbors")[i].EnumerateArray().Select(n => n.GetProperty("index").GetInt32()).ToList();
            Assert.Equal(10, neighbours.Count);
            Assert.All(neighbours, n => Assert.Equal(i % 3, n % 3));
        }
    }

    [Fact]
    public async Task Rows_of_the_models_input_go_through_the_model_first()
    {
        using var dir = new TempDir();
        var mlp = TestModels.BuildMlp(inputs: 4, hidden: 8, seed: 5);
        var modelPath = Path.Combine(dir.Path, "mlp.onnx");
        await File.WriteAllBytesAsync(modelPath, mlp.Bytes, TestContext.Current.CancellationToken);

        // The served dataset is the model's hidden layer (relu1) of inputs from three blobs, computed here.
        var inputs = BlobInputs(300, seed: 1);
        var hidden = inputs.Chunk(4).SelectMany(x => Hidden(mlp, x)).ToArray();
        var data = Path.Combine(dir.Path, "hidden.npy");
        using (var matrix = EmbeddingMatrix.FromArray(hidden, 300, 8))
        {
            NpyWriter.Write(data, matrix);
        }

        await using var server = await RunningServer.StartAsync(new ServerOptions { Paths = [data], ModelPath = modelPath, ModelLayer = "r1" });
        var catalog = await server.GetJsonAsync("/api/datasets");
        var dataset = catalog[0].GetProperty("id").GetString()!;
        var (_, job) = await server.PostJsonAsync("/api/projections", new { dataset, method = "tsne", seed = 2, tsne = new { iterations = 300, perplexity = 15 } });
        var id = job.GetProperty("id").GetString()!;
        await ProjectionEndpointsTests.WaitAsync(server, id, "done");
        var layout = await ProjectionEndpointsTests.Layout(server, id);

        var fresh = BlobInputs(6, seed: 9);
        using var response = await PostRows(server, id, fresh, 4);
        var answer = await Answer(response);

        Assert.True(answer.GetProperty("embedded").GetBoolean());
        var positions = Positions(answer);
        for (var i = 0; i < 6; i++)
        {
            var nearest = Enumerable.Range(0, 3).MinBy(b => Distance(positions.AsSpan(i * 2, 2), Centre(layout, 2, b)));
            Assert.Equal(i % 3, nearest);
        }
    }

    [Fact]
    public async Task What_cannot_be_placed_is_a_4xx_with_one_sentence()
    {
        using var dir = new TempDir();
        await using var server = await RunningServer.StartAsync(Synthetic.WriteLabelledTsv(dir.Path, 150, 10));
        var id = await FinishedJob(server, "pca");

        using (var wrongWidth = await PostRows(server, id, new float[7 * 2], 7))
        {
            var detail = await Problems.AssertProblemAsync(wrongWidth, 400);
            Assert.Contains("7 values", detail, StringComparison.Ordinal);
            Assert.Contains("--model", detail, StringComparison.Ordinal);
        }

        using (var ragged = await Post(server, $"/api/projections/{id}/place?dims=10", new ByteArrayContent(new byte[41])))
        {
            Assert.Contains("41 bytes", await Problems.AssertProblemAsync(ragged, 400), StringComparison.Ordinal);
        }

        var nan = new float[10];
        nan[3] = float.NaN;
        using (var notFinite = await PostRows(server, id, nan, 10))
        {
            Assert.Contains("byte offset 12", await Problems.AssertProblemAsync(notFinite, 400), StringComparison.Ordinal);
        }

        using (var noDims = await Post(server, $"/api/projections/{id}/place", new ByteArrayContent(new byte[40])))
        {
            Assert.Contains("?dims=", await Problems.AssertProblemAsync(noDims, 400), StringComparison.Ordinal);
        }

        var images = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "image", "a.png" } };
        using (var noModel = await Post(server, $"/api/projections/{id}/place", images))
        {
            Assert.Contains("--model", await Problems.AssertProblemAsync(noModel, 400), StringComparison.Ordinal);
        }

        using (var unknown = await PostRows(server, "j0123", new float[10], 10))
        {
            await Problems.AssertProblemAsync(unknown, 404);
        }

        var (_, running) = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "tsne", tsne = new { iterations = 5000 } });
        var runningId = running.GetProperty("id").GetString()!;
        using (var notDone = await PostRows(server, runningId, new float[10], 10))
        {
            Assert.Contains("not finished", await Problems.AssertProblemAsync(notDone, 409), StringComparison.Ordinal);
        }

        await server.PostJsonAsync($"/api/projections/{runningId}/stop", new { });
    }

    [Fact]
    public async Task A_foreign_page_cannot_place()
    {
        using var dir = new TempDir();
        await using var server = await RunningServer.StartAsync(Synthetic.WriteLabelledTsv(dir.Path, 150, 10));
        var id = await FinishedJob(server, "pca");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/projections/{id}/place?dims=10") { Content = new ByteArrayContent(new byte[40]) };
        request.Headers.Add("Origin", "https://evil.example");
        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(403, (int)response.StatusCode);
    }

    private static async Task<string> FinishedJob(RunningServer server, string method)
    {
        object request = method switch
        {
            "tsne" => new { dataset = "blobs", method, seed = 3, tsne = new { iterations = 300, perplexity = 20 } },
            "umap" => new { dataset = "blobs", method, seed = 3, umap = new { neighbors = 10, epochs = 100 } },
            _ => new { dataset = "blobs", method },
        };
        var (_, job) = await server.PostJsonAsync("/api/projections", request);
        var id = job.GetProperty("id").GetString()!;
        await ProjectionEndpointsTests.WaitAsync(server, id, "done");
        return id;
    }

    private static Task<HttpResponseMessage> PostRows(RunningServer server, string id, float[] rows, int dims)
    {
        var content = new ByteArrayContent(MemoryMarshal.AsBytes(rows.AsSpan()).ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return Post(server, $"/api/projections/{id}/place?dims={dims}", content);
    }

    private static Task<HttpResponseMessage> Post(RunningServer server, string path, HttpContent content) =>
        server.Client.PostAsync(path, content, TestContext.Current.CancellationToken);

    private static async Task<JsonElement> Answer(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static float[] Positions(JsonElement answer) =>
        MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(answer.GetProperty("positions").GetString()!)).ToArray();

    private static float[] Centre(float[] layout, int dims, int blob)
    {
        var points = layout.Length / dims;
        var members = Enumerable.Range(0, points).Where(i => i % 3 == blob).ToList();
        return [.. Enumerable.Range(0, 2).Select(d => members.Average(i => layout[(i * dims) + d]))];
    }

    private static double Distance(ReadOnlySpan<float> a, float[] b) =>
        Math.Sqrt(((a[0] - b[0]) * (a[0] - b[0])) + ((a[1] - b[1]) * (a[1] - b[1])));

    // Row i belongs to blob i % 3: 4 inputs, blob b centred at 3 in input b.
    private static float[] BlobInputs(int rows, int seed)
    {
        var random = new Random(seed);
        var values = new float[rows * 4];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < 4; j++)
            {
                values[(i * 4) + j] = (j == i % 3 ? 3f : 0f) + (float)((random.NextDouble() - 0.5) * 0.5);
            }
        }

        return values;
    }

    // relu(W1 x + b1), W1 stored [hidden, inputs] (Gemm with transB).
    private static float[] Hidden(TestModels.Mlp mlp, float[] x) =>
        [.. Enumerable.Range(0, mlp.Hidden).Select(h => Math.Max(0f, mlp.B1[h] + Enumerable.Range(0, mlp.Inputs).Sum(i => mlp.W1[(h * mlp.Inputs) + i] * x[i])))];
}
