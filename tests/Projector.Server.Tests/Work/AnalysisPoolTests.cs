using Microsoft.Extensions.DependencyInjection;
using Projector.Server.Work;

namespace Projector.Server.Tests.Work;

/// <summary>A layout's clusters and quality are measured by a worker of their own: a slow measurement never holds up a projection's start.</summary>
public sealed class AnalysisPoolTests
{
    [Fact]
    public async Task While_a_layouts_measurement_runs_projections_still_start_and_neighbours_answer()
    {
        using var dir = new TempDir();
        await using var server = await RunningServer.StartAsync(new ServerOptions { Paths = [Synthetic.WriteLabelledTsv(dir.Path)], WorkerThreads = 1, WorkQueueLength = 4 });
        var (_, pca) = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "pca" });
        var job = pca.GetProperty("id").GetString();

        // The analysis worker is held, as by a 25-second quality scan.
        using var gate = new ManualResetEventSlim();
        var analyses = server.Services.GetRequiredService<AnalysisPool>();
        var held = analyses.Pool.RunAsync(_ => gate.Wait(TimeSpan.FromMinutes(1)), TestContext.Current.CancellationToken);
        var quality = server.Client.GetAsync($"/api/projections/{job}/quality", TestContext.Current.CancellationToken);
        var clusters = server.Client.GetAsync($"/api/projections/{job}/clusters", TestContext.Current.CancellationToken);

        // The one ordinary worker is free: a projection starts and a neighbour search is answered.
        var (status, tsne) = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "tsne", tsne = new { iterations = 250 } });
        Assert.True(status is 200 or 202, $"status {status}");
        Assert.Equal("tsne", tsne.GetProperty("method").GetString());
        var neighbors = await server.GetJsonAsync("/api/datasets/blobs/neighbors?point=0&k=3");
        Assert.Equal(3, neighbors.GetProperty("neighbors").GetArrayLength());
        Assert.False(quality.IsCompleted);
        Assert.False(clusters.IsCompleted);

        gate.Set();
        Assert.True(await held);
        using (var answer = await quality)
        {
            Assert.True(answer.IsSuccessStatusCode, $"quality: {(int)answer.StatusCode}");
        }

        using (var answer = await clusters)
        {
            Assert.True(answer.IsSuccessStatusCode, $"clusters: {(int)answer.StatusCode}");
        }
    }
}
