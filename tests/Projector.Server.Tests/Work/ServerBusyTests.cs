using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Projector.Server.Tests.Endpoints;
using Projector.Server.Work;

namespace Projector.Server.Tests.Work;

/// <summary>
/// The heavy endpoints share a small pool; these fill it with work that waits on a gate (the test hook is
/// the pool itself, taken from the server's services) and check what the other requests see meanwhile.
/// </summary>
public sealed class ServerBusyTests
{
    [Fact]
    public async Task A_full_pool_answers_503_with_retry_after_while_the_catalog_still_answers()
    {
        using var dir = new TempDir();
        await using var server = await RunningServer.StartAsync(new ServerOptions { Paths = [Synthetic.WriteLabelledTsv(dir.Path)], WorkerThreads = 1, WorkQueueLength = 2 });
        await server.GetJsonAsync("/api/datasets/blobs/neighbors?point=0&k=3");
        using var gate = new ManualResetEventSlim();
        var slow = Saturate(server, gate);

        var catalog = await server.GetJsonAsync("/api/datasets");
        var metadata = await server.GetJsonAsync("/api/datasets/blobs/metadata");
        Assert.Equal("blobs", catalog[0].GetProperty("id").GetString());
        Assert.Equal(300, metadata.GetProperty("rows").GetInt32());
        Assert.DoesNotContain(slow, t => t.IsCompleted);

        foreach (var request in new Func<Task<HttpResponseMessage>>[]
        {
            () => server.Client.GetAsync("/api/datasets/blobs/neighbors?point=1&k=3", TestContext.Current.CancellationToken),
            () => server.Client.GetAsync("/api/datasets/blobs/search?q=blob1", TestContext.Current.CancellationToken),
            () => server.Client.PostJson("/api/projections", new { dataset = "blobs", method = "pca" }),
        })
        {
            using var response = await request();
            var detail = await Problems.AssertProblemAsync(response, 503);
            Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
            Assert.Contains("retry in 1 s", detail, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(slow, t => t.IsCompleted);
        gate.Set();
        await Task.WhenAll(slow);
        Assert.Equal(3, (await server.GetJsonAsync("/api/datasets/blobs/neighbors?point=1&k=3")).GetProperty("neighbors").GetArrayLength());
    }

    [Fact]
    public async Task The_catalog_answers_before_slow_neighbour_searches_finish()
    {
        using var dir = new TempDir();
        await using var server = await RunningServer.StartAsync(new ServerOptions { Paths = [Synthetic.WriteLabelledTsv(dir.Path)], WorkerThreads = 2, WorkQueueLength = 8 });
        await server.GetJsonAsync("/api/datasets/blobs/neighbors?point=0&k=3");
        using var gate = new ManualResetEventSlim();
        var slow = Saturate(server, gate, leaveRoom: 4);
        var searches = Enumerable.Range(1, 4).Select(i => server.Client.GetAsync($"/api/datasets/blobs/neighbors?point={i}&k=5", TestContext.Current.CancellationToken)).ToList();

        for (var i = 0; i < 20; i++)
        {
            await server.GetJsonAsync("/api/datasets");
        }

        Assert.DoesNotContain(searches, t => t.IsCompleted);
        gate.Set();
        await Task.WhenAll(slow);
        foreach (var search in searches)
        {
            using var response = await search;
            Assert.True(response.IsSuccessStatusCode);
        }
    }

    [Fact]
    public async Task A_full_job_queue_answers_503_and_takes_jobs_again_once_one_ends()
    {
        using var dir = new TempDir();
        await using var server = await RunningServer.StartAsync(new ServerOptions { Paths = [Synthetic.WriteLabelledTsv(dir.Path, 150, 5)], MaxConcurrentJobs = 1, MaxQueuedJobs = 1 });
        var ids = new List<string>();
        for (var seed = 0; seed < 2; seed++)
        {
            var (status, job) = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "umap", seed, umap = new { epochs = 100_000 } });
            Assert.Equal(202, status);
            ids.Add(job.GetProperty("id").GetString()!);
        }

        using (var refused = await server.Client.PostJson("/api/projections", new { dataset = "blobs", method = "umap", seed = 2, umap = new { epochs = 100_000 } }))
        {
            var detail = await Problems.AssertProblemAsync(refused, 503);
            Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
            Assert.Contains("The projection queue is full (1 waiting, 1 computing)", detail, StringComparison.Ordinal);
        }

        // What needs no queue still starts: PCA finishes inside the request.
        Assert.Equal(200, (await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "pca" })).Status);

        await server.PostJsonAsync($"/api/projections/{ids[1]}/stop", new { });
        await ProjectionEndpointsTests.WaitAsync(server, ids[1], "stopped");
        var jobs = server.Services.GetRequiredService<ServerState>().Jobs;
        for (var i = 0; i < 100 && jobs.Unfinished > 1; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        var (again, third) = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "umap", seed = 2, umap = new { epochs = 100_000 } });
        Assert.Equal(202, again);
        foreach (var id in new[] { ids[0], third.GetProperty("id").GetString()! })
        {
            await server.PostJsonAsync($"/api/projections/{id}/stop", new { });
        }
    }

    [Fact]
    public async Task A_points_neighbours_come_from_a_kept_exact_graph_without_the_pool()
    {
        using var dir = new TempDir();
        await using var server = await RunningServer.StartAsync(new ServerOptions { Paths = [Synthetic.WriteLabelledTsv(dir.Path, 150, 5)], WorkerThreads = 1, WorkQueueLength = 1 });
        // Five dimensions need no PCA: the UMAP run keeps the exact cosine graph of the rows as they are.
        var (_, job) = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "umap", metric = "cosine", umap = new { neighbors = 10, epochs = 5 } });
        await ProjectionEndpointsTests.WaitAsync(server, job.GetProperty("id").GetString()!, "done");
        var computed = await server.GetJsonAsync("/api/datasets/blobs/neighbors?point=7&k=20&metric=cosine");

        using var gate = new ManualResetEventSlim();
        var slow = Saturate(server, gate);
        var fromGraph = await server.GetJsonAsync("/api/datasets/blobs/neighbors?point=7&k=9&metric=cosine");
        await Problems.AssertProblemAsync(server.Client.GetAsync("/api/datasets/blobs/neighbors?point=7&k=11&metric=cosine", TestContext.Current.CancellationToken), 503);
        await Problems.AssertProblemAsync(server.Client.GetAsync("/api/datasets/blobs/neighbors?point=7&k=9&metric=euclidean", TestContext.Current.CancellationToken), 503);
        gate.Set();
        await Task.WhenAll(slow);

        // The graph's neighbours and distances are the search's, bit for bit.
        var expected = computed.GetProperty("neighbors").EnumerateArray().Take(9).Select(n => (n.GetProperty("index").GetInt32(), n.GetProperty("distance").GetSingle()));
        Assert.Equal(expected, fromGraph.GetProperty("neighbors").EnumerateArray().Select(n => (n.GetProperty("index").GetInt32(), n.GetProperty("distance").GetSingle())));
        Assert.Equal(7, fromGraph.GetProperty("point").GetInt32());
    }

    /// <summary>Fills every worker and all but <paramref name="leaveRoom"/> places of the queue with work that waits for <paramref name="gate"/>.</summary>
    private static List<Task<bool>> Saturate(RunningServer server, ManualResetEventSlim gate, int leaveRoom = 0)
    {
        var pool = server.Services.GetRequiredService<WorkPool>();
        var slow = new List<Task<bool>>();
        for (var i = 0; i < pool.Workers; i++)
        {
            slow.Add(pool.RunAsync(_ => gate.Wait(TimeSpan.FromMinutes(1)), CancellationToken.None));
        }

        var clock = Stopwatch.StartNew();
        while (pool.Running < pool.Workers && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            Thread.Sleep(1);
        }

        for (var i = 0; i < pool.QueueLength - leaveRoom; i++)
        {
            slow.Add(pool.RunAsync(_ => gate.Wait(TimeSpan.FromMinutes(1)), CancellationToken.None));
        }

        return slow;
    }
}
