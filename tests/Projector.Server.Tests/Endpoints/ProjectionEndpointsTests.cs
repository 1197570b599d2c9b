using System.Runtime.InteropServices;
using System.Text.Json;
using Projector.Core.Data;
using Projector.Core.Projections.Pca;

namespace Projector.Server.Tests.Endpoints;

public sealed class ProjectionEndpointsTests
{
    [Fact]
    public async Task Pca_finishes_at_once_with_the_explained_variance_of_each_component()
    {
        using var dir = new TempDir();
        await using var server = await RunningServer.StartAsync(Synthetic.WriteLabelledTsv(dir.Path));
        var (status, job) = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "pca", pca = new { components = 3 } });
        Assert.Equal(200, status);
        Assert.Equal("done", job.GetProperty("status").GetString());
        Assert.Equal(3, job.GetProperty("dims").GetInt32());
        using var matrix = EmbeddingMatrix.FromArray(Synthetic.Blobs(300, 10), 300, 10);
        var expected = PrincipalComponents.Fit(matrix, new PcaOptions { Components = 3, Seed = 42 });
        var ratios = job.GetProperty("explainedVariance").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(expected.ExplainedVarianceRatio, ratios, (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.True(ratios[0] + ratios[1] > 0.8, "two blobs directions hold most of the variance");

        var layout = await Layout(server, job.GetProperty("id").GetString()!);
        Assert.Equal(300 * 3, layout.Length);
    }

    [Fact]
    public async Task Custom_axes_place_the_left_and_right_groups_apart()
    {
        using var dir = new TempDir();
        await using var server = await RunningServer.StartAsync(Synthetic.WriteLabelledTsv(dir.Path));
        var (status, job) = await server.PostJsonAsync("/api/projections", new
        {
            dataset = "blobs",
            method = "custom",
            custom = new { left = new { column = "label", pattern = "^blob0$" }, right = new { column = "label", pattern = "^blob1$" } },
        });
        Assert.Equal(200, status);
        Assert.Equal(2, job.GetProperty("dims").GetInt32());
        var layout = await Layout(server, job.GetProperty("id").GetString()!);
        var x0 = Enumerable.Range(0, 300).Where(i => i % 3 == 0).Average(i => layout[i * 2]);
        var x1 = Enumerable.Range(0, 300).Where(i => i % 3 == 1).Average(i => layout[i * 2]);
        Assert.True(x1 - x0 > 5, $"blob1 ({x1}) lies right of blob0 ({x0})");

        var bad = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "custom", custom = new { left = new { column = "label", pattern = "^nothing$" }, right = new { column = "label", pattern = "^blob1$" } } });
        Assert.Equal(400, bad.Status);
    }

    [Fact]
    public async Task Isolating_indices_projects_only_those_rows_in_their_order()
    {
        using var dir = new TempDir();
        await using var server = await RunningServer.StartAsync(Synthetic.WriteLabelledTsv(dir.Path));
        int[] indices = [.. Enumerable.Range(0, 300).Where(i => i % 3 != 2).Reverse()];
        var (_, job) = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "pca", indices, pca = new { components = 2 } });
        Assert.Equal(200, job.GetProperty("points").GetInt32());
        var layout = await Layout(server, job.GetProperty("id").GetString()!);

        var all = Synthetic.Blobs(300, 10);
        var subset = indices.SelectMany(i => all.AsSpan(i * 10, 10).ToArray()).ToArray();
        using var matrix = EmbeddingMatrix.FromArray(subset, indices.Length, 10);
        using var expected = PrincipalComponents.Fit(matrix, new PcaOptions { Components = 2, Seed = 42 }).Transform(matrix);
        Assert.Equal(expected.ToArray(), layout);

        var bad = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "pca", indices = new[] { 0, 300 } });
        Assert.Equal(400, bad.Status);
    }

    [Fact]
    public async Task Same_request_again_answers_200_done_from_the_cache()
    {
        using var dir = new TempDir();
        await using var server = await RunningServer.StartAsync(Synthetic.WriteLabelledTsv(dir.Path, 150, 5));
        var request = new { dataset = "blobs", method = "umap", seed = 3, umap = new { neighbors = 10, epochs = 30 } };
        var (status, first) = await server.PostJsonAsync("/api/projections", request);
        Assert.Equal(202, status);
        var id = first.GetProperty("id").GetString()!;
        var done = await WaitAsync(server, id, "done");
        Assert.False(done.GetProperty("cached").GetBoolean());
        var firstLayout = await Layout(server, id);

        var (again, second) = await server.PostJsonAsync("/api/projections", request);
        Assert.Equal(200, again);
        Assert.Equal("done", second.GetProperty("status").GetString());
        Assert.True(second.GetProperty("cached").GetBoolean());
        Assert.Equal(firstLayout, await Layout(server, second.GetProperty("id").GetString()!));

        var (other, _) = await server.PostJsonAsync("/api/projections", request with { seed = 4 });
        Assert.Equal(202, other);
    }

    [Fact]
    public async Task Supervised_and_reduced_runs_finish_with_a_layout_of_their_dims()
    {
        using var dir = new TempDir();
        await using var server = await RunningServer.StartAsync(Synthetic.WriteLabelledTsv(dir.Path, 150, 10));
        var requests = new object[]
        {
            new { dataset = "blobs", method = "tsne", pcaDims = 5, tsne = new { iterations = 60, learningRate = 50, supervise = new { column = "label", factor = 1.0 } } },
            new { dataset = "blobs", method = "umap", dims = 3, pcaDims = 5, metric = "euclidean", umap = new { neighbors = 8, epochs = 30, supervise = new { column = "label" } } },
        };
        foreach (var (request, dims) in requests.Zip([2, 3]))
        {
            var (status, job) = await server.PostJsonAsync("/api/projections", request);
            Assert.Equal(202, status);
            var id = job.GetProperty("id").GetString()!;
            var done = await WaitAsync(server, id, "done");
            Assert.Equal(dims, done.GetProperty("dims").GetInt32());
            var layout = await Layout(server, id);
            Assert.Equal(150 * dims, layout.Length);
            Assert.All(layout, v => Assert.True(float.IsFinite(v)));
        }
    }

    [Fact]
    public async Task Uniform_t_sne_affinities_run_as_a_job_and_differ_from_the_gaussian_layout()
    {
        using var dir = new TempDir();
        var path = Synthetic.WriteLabelledTsv(dir.Path, 120, 5);
        await using var server = await RunningServer.StartAsync(path);
        var (status, job) = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "tsne", seed = 3, tsne = new { iterations = 60, affinity = "uniform" } });
        Assert.Equal(202, status);
        var id = job.GetProperty("id").GetString()!;
        await WaitAsync(server, id, "done");
        var layout = await Layout(server, id);

        var (_, gaussian) = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "tsne", seed = 3, tsne = new { iterations = 60 } });
        var gaussianId = gaussian.GetProperty("id").GetString()!;
        await WaitAsync(server, gaussianId, "done");
        Assert.NotEqual(await Layout(server, gaussianId), layout);
        Assert.Equal(120 * 2, layout.Length);
        Assert.All(layout, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public async Task Perturb_goes_on_from_a_t_sne_layout_nudged_by_its_seed()
    {
        using var dir = new TempDir();
        await using var server = await RunningServer.StartAsync(Synthetic.WriteLabelledTsv(dir.Path, 120, 5));
        var (_, first) = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "tsne", tsne = new { iterations = 60 } });
        var from = first.GetProperty("id").GetString()!;
        await WaitAsync(server, from, "done");
        var original = await Layout(server, from);

        var perturbed = new List<float[]>();
        foreach (var seed in new[] { 7, 7, 8 })
        {
            var (status, job) = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "tsne", tsne = new { iterations = 60, perturb = new { from, seed } } });
            Assert.True(status is 200 or 202);
            var id = job.GetProperty("id").GetString()!;
            var done = await WaitAsync(server, id, "done");
            // Going on from a layout runs a third of the iterations, without early exaggeration.
            Assert.Equal(20, done.GetProperty("totalIterations").GetInt32());
            perturbed.Add(await Layout(server, id));
        }

        Assert.NotEqual(original, perturbed[0]);
        Assert.Equal(perturbed[0], perturbed[1]);
        Assert.NotEqual(perturbed[0], perturbed[2]);

        var (_, pca) = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "pca" });
        var bad = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "tsne", tsne = new { perturb = new { from = pca.GetProperty("id").GetString() } } });
        Assert.Equal(400, bad.Status);
        var gone = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "tsne", tsne = new { perturb = new { from = "j999" } } });
        Assert.Equal(404, gone.Status);
    }

    [Theory]
    [InlineData("""{"dataset":"nope","method":"pca"}""", 404)]
    [InlineData("""{"dataset":"blobs","method":"mds"}""", 400)]
    [InlineData("""{"dataset":"blobs","method":"tsne","dims":4}""", 400)]
    [InlineData("""{"dataset":"blobs","method":"tsne","tsne":{"perplexity":-1}}""", 400)]
    [InlineData("""{"dataset":"blobs","method":"tsne","tsne":{"perplexity":5000}}""", 400)]
    [InlineData("""{"dataset":"blobs","method":"tsne","tsne":{"affinity":"cauchy"}}""", 400)]
    [InlineData("""{"dataset":"blobs","method":"tsne","tsne":{"supervise":{"column":"colour"}}}""", 400)]
    [InlineData("""{"dataset":"blobs","method":"umap","umap":{"neighbors":1}}""", 400)]
    [InlineData("""{"dataset":"blobs","method":"pca""", 400)]
    public async Task Bad_projection_requests_are_problems(string body, int status)
    {
        using var dir = new TempDir();
        await using var server = await RunningServer.StartAsync(Synthetic.WriteLabelledTsv(dir.Path, 30, 3));
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        await Problems.AssertProblemAsync(server.Client.PostAsync("/api/projections", content, TestContext.Current.CancellationToken), status);
        await Problems.AssertProblemAsync(server.Client.GetAsync("/api/projections/j999", TestContext.Current.CancellationToken), 404);
    }

    internal static async Task<float[]> Layout(RunningServer server, string id)
    {
        var bytes = await server.Client.GetByteArrayAsync($"/api/projections/{id}/layout", TestContext.Current.CancellationToken);
        return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }

    internal static async Task<JsonElement> WaitAsync(RunningServer server, string id, string status)
    {
        for (var i = 0; i < 600; i++)
        {
            var job = await server.GetJsonAsync($"/api/projections/{id}");
            if (job.GetProperty("status").GetString() == status)
            {
                return job;
            }

            Assert.NotEqual("failed", job.GetProperty("status").GetString());
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"job {id} never reached {status}");
    }
}
