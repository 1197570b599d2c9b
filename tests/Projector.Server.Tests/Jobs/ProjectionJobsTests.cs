using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Projector.Server.Tests.Endpoints;

namespace Projector.Server.Tests.Jobs;

public sealed class ProjectionJobsTests
{
    [Fact]
    public async Task Rerunning_with_other_options_reuses_the_knn_graph()
    {
        using var dir = new TempDir();
        await using var server = await RunningServer.StartAsync(Synthetic.WriteLabelledTsv(dir.Path, 150, 5));
        var jobs = server.Services.GetRequiredService<ServerState>().Jobs;
        foreach (var (seed, minDist) in new[] { (1, 0.1), (2, 0.5), (3, 0.05) })
        {
            var (_, job) = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "umap", seed, umap = new { neighbors = 10, minDist, epochs = 20 } });
            await ProjectionEndpointsTests.WaitAsync(server, job.GetProperty("id").GetString()!, "done");
        }

        Assert.Equal(1, jobs.Inputs.GraphsBuilt);
        var (_, cosine) = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "umap", metric = "cosine", umap = new { neighbors = 10, epochs = 20 } });
        await ProjectionEndpointsTests.WaitAsync(server, cosine.GetProperty("id").GetString()!, "done");
        Assert.Equal(2, jobs.Inputs.GraphsBuilt);
    }

    [Fact]
    public async Task Opening_a_dataset_prepares_its_default_tsne_and_the_first_two_runs_reuse_that_graph()
    {
        using var dir = new TempDir();
        await using var server = await RunningServer.StartAsync(Synthetic.WriteLabelledTsv(dir.Path, 150, 5));
        var jobs = server.Services.GetRequiredService<ServerState>().Jobs;
        Assert.Null(jobs.WarmupOf("blobs"));
        await server.GetJsonAsync("/api/datasets/blobs/metadata");
        var warm = jobs.WarmupOf("blobs");
        Assert.NotNull(warm);
        await warm.Done.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        Assert.Equal(1, jobs.Inputs.GraphsBuilt);

        // Opening it again starts nothing new.
        await server.GetJsonAsync("/api/datasets/blobs/metadata");
        Assert.Same(warm, jobs.WarmupOf("blobs"));
        foreach (var perplexity in new[] { 30, 20 })
        {
            var (_, job) = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "tsne", tsne = new { perplexity, iterations = 60 } });
            await ProjectionEndpointsTests.WaitAsync(server, job.GetProperty("id").GetString()!, "done");
        }

        Assert.Equal(1, jobs.Inputs.GraphsBuilt);
    }

    [Fact]
    public async Task A_tsne_started_while_the_dataset_is_prepared_waits_for_that_preparation_instead_of_searching_again()
    {
        using var dir = new TempDir();
        await using var server = await RunningServer.StartAsync(Synthetic.WriteLabelledTsv(dir.Path, 3000, 40));
        var jobs = server.Services.GetRequiredService<ServerState>().Jobs;
        await server.GetJsonAsync("/api/datasets/blobs/metadata");
        var (_, job) = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "tsne", tsne = new { iterations = 60 } });
        await ProjectionEndpointsTests.WaitAsync(server, job.GetProperty("id").GetString()!, "done");
        Assert.True(jobs.WarmupOf("blobs")!.Done.IsCompletedSuccessfully);
        Assert.Equal(1, jobs.Inputs.GraphsBuilt);
    }

    [Fact]
    public async Task At_most_two_jobs_compute_while_the_rest_wait_in_the_queue()
    {
        using var dir = new TempDir();
        await using var server = await RunningServer.StartAsync(Synthetic.WriteLabelledTsv(dir.Path, 150, 5));
        var ids = new List<string>();
        for (var seed = 0; seed < 3; seed++)
        {
            var (_, job) = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "umap", seed, umap = new { epochs = 100_000 } });
            ids.Add(job.GetProperty("id").GetString()!);
        }

        await ProjectionEndpointsTests.WaitAsync(server, ids[0], "running");
        await ProjectionEndpointsTests.WaitAsync(server, ids[1], "running");
        Assert.Equal("queued", (await server.GetJsonAsync($"/api/projections/{ids[2]}")).GetProperty("status").GetString());
        await server.PostJsonAsync($"/api/projections/{ids[0]}/stop", new { });
        await ProjectionEndpointsTests.WaitAsync(server, ids[2], "running");
        foreach (var id in ids)
        {
            await server.PostJsonAsync($"/api/projections/{id}/stop", new { });
        }
    }

    [Fact]
    public async Task Old_finished_jobs_are_forgotten_past_a_limit()
    {
        using var dir = new TempDir();
        await using var server = await RunningServer.StartAsync(Synthetic.WriteLabelledTsv(dir.Path, 30, 3));
        string? first = null;
        string? last = null;
        for (var i = 0; i < 70; i++)
        {
            var (status, job) = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "pca", pca = new { components = 2 } });
            Assert.Equal(200, status);
            last = job.GetProperty("id").GetString();
            first ??= last;
        }

        await Problems.AssertProblemAsync(server.Client.GetAsync($"/api/projections/{first}", TestContext.Current.CancellationToken), 404);
        Assert.Equal(60, (await ProjectionEndpointsTests.Layout(server, last!)).Length);
    }

    [Fact]
    public async Task Stopping_the_server_cancels_running_jobs_promptly()
    {
        using var dir = new TempDir();
        var server = await RunningServer.StartAsync(Synthetic.WriteLabelledTsv(dir.Path));
        var (_, job) = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "tsne", tsne = new { iterations = 100_000 } });
        var id = job.GetProperty("id").GetString()!;
        await ProjectionEndpointsTests.WaitAsync(server, id, "running");
        var jobs = server.Services.GetRequiredService<ServerState>().Jobs;
        var clock = Stopwatch.StartNew();
        await server.DisposeAsync();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"shutdown took {clock.Elapsed}");
        Assert.Equal("stopped", jobs.Get(id).Info().Status);
    }
}
