using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Projector.Cluster.Grains;
using Projector.Cluster.Hosting;
using Projector.Cluster.Jobs;

namespace Projector.Cluster.Tests.Grains;

public sealed class SampleCancellationTests
{
    [Fact]
    public async Task A_job_cancelled_while_its_sample_is_laid_out_stops_the_layout_on_the_silo()
    {
        var (npy, _) = SyntheticInput.Write(TestSilos.Shared, "slow-sample", 6000, 12, 5, seed: 6);
        await using var cluster = await TestSilos.Start(1);
        var job = new ClusterJob
        {
            JobId = Guid.NewGuid().ToString("N"),
            InputName = Path.GetFileName(npy),
            Method = "umap",
            Seed = 5,
            // The whole input as the sample, with 20,000 epochs: uncancelled, its layout runs for minutes.
            SampleSize = 6000,
            Iterations = 20000,
            Rows = 6000,
            Dimensions = 12,
        };
        using var folder = JobFolder.Create(TestSilos.Shared, job.JobId);
        job = job with { WorkFolder = folder.Name };
        var compute = ((InProcessSiloHandle)cluster.Primary!).SiloHost.Services.GetRequiredService<SiloCompute>();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var messages = new List<string>();
        var progress = new InlineProgress(p =>
        {
            lock (messages)
            {
                messages.Add(p.Message);
            }
        });
        var run = new ClusterJobRunner(cluster.Client, new ClusterRunSettings(3000)).Run(job, progress, cancel.Token);

        // Cancel once the layout works on the silo, and well before it could end.
        var wait = Stopwatch.StartNew();
        while (compute.Running == 0 && wait.Elapsed < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        await Task.Delay(1000, TestContext.Current.CancellationToken);
        var runningAtCancel = compute.Running;
        var clock = Stopwatch.StartNew();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        while (compute.Running > 0 && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        var stopped = clock.Elapsed;
        Assert.Equal(1, runningAtCancel);
        Assert.True(stopped < TimeSpan.FromSeconds(5), $"the sample's layout stopped {stopped.TotalSeconds:F1} s after the job was cancelled");
        lock (messages)
        {
            Assert.DoesNotContain(messages, m => m.StartsWith("sample laid out", StringComparison.Ordinal));
        }
    }
}
