using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Projector.Cluster.Grains;
using Projector.Cluster.Hosting;
using Projector.Cluster.Jobs;

namespace Projector.Cluster.Tests.Grains;

public sealed class ShardCancellationTests
{
    [Fact]
    public async Task A_cancelled_job_stops_its_running_shards_on_the_silos_and_leaves_no_file()
    {
        var (npy, _) = SyntheticInput.Write(TestSilos.Shared, "slow", 8000, 12, 5, seed: 4);
        await using var cluster = await TestSilos.Start(1);
        var job = new ClusterJob
        {
            JobId = Guid.NewGuid().ToString("N"),
            InputName = Path.GetFileName(npy),
            Method = "umap",
            Seed = 3,
            SampleSize = 300,
            // Long shards (2,000 placing epochs for about 3,850 rows each): uncancelled, they run for tens of seconds, several times the bound below.
            Iterations = 6000,
            Rows = 8000,
            Dimensions = 12,
        };
        using var folder = JobFolder.Create(TestSilos.Shared, job.JobId);
        job = job with { WorkFolder = folder.Name };
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var compute = ((InProcessSiloHandle)cluster.Primary!).SiloHost.Services.GetRequiredService<SiloCompute>();
        var cancelledAt = new TaskCompletionSource<Stopwatch>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runningAtCancel = 0;
        var progress = new InlineProgress(p =>
        {
            if (p.Message.StartsWith("sample laid out", StringComparison.Ordinal))
            {
                // Once the shards work on the silo, cancel the job.
                _ = Task.Run(async () =>
                {
                    var wait = Stopwatch.StartNew();
                    while (compute.Running == 0 && wait.Elapsed < TimeSpan.FromMinutes(1))
                    {
                        await Task.Delay(20, CancellationToken.None);
                    }

                    await Task.Delay(500, CancellationToken.None);
                    runningAtCancel = compute.Running;
                    cancelledAt.TrySetResult(Stopwatch.StartNew());
                    await cancel.CancelAsync();
                });
            }
        });
        var run = new ClusterJobRunner(cluster.Client, new ClusterRunSettings(4000)).Run(job, progress, cancel.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        var clock = await cancelledAt.Task;
        while (compute.Running > 0 && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        var stopped = clock.Elapsed;
        Assert.True(runningAtCancel > 0, "the shards were at work on the silo when the job was cancelled");
        Assert.True(stopped < TimeSpan.FromSeconds(5), $"the shards stopped {stopped.TotalSeconds:F1} s after the job was cancelled");
        Assert.Empty(Directory.GetFiles(folder.Path));
        // Nothing more is written once the job is over.
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }
}
