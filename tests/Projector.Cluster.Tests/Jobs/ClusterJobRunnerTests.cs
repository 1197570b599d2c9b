using Projector.Cluster.Grains;
using Projector.Cluster.Jobs;

namespace Projector.Cluster.Tests.Jobs;

public sealed class ClusterJobRunnerTests
{
    private const int Rows = 4000;
    private const int ShardRows = 250;

    private static readonly ClusterJob Job = MakeJob();

    private static ClusterJob MakeJob()
    {
        var (npy, tsv) = SyntheticInput.Write(TestSilos.Shared, "gauss", Rows, 12, 5, seed: 11);
        return new ClusterJob
        {
            JobId = "test-" + Guid.NewGuid().ToString("N"),
            InputName = Path.GetFileName(npy),
            MetadataName = Path.GetFileName(tsv),
            Method = "umap",
            Seed = 5,
            SampleSize = 500,
            Iterations = 60,
            Rows = Rows,
            Dimensions = 12,
        };
    }

    // What one machine computes with the same code a silo runs: the sample's layout, then every shard in turn.
    private static readonly Lazy<float[]> Reference = new(() =>
    {
        var shared = new SharedFolder(TestSilos.Shared);
        var sample = SampleGrain.Compute(Job, shared, "local");
        Assert.Null(sample.Error);
        using var model = JobModel.Build(Job, sample, shared, CancellationToken.None);
        var result = new float[Rows * 2];
        foreach (var shard in ShardPlan.Cut(Rows, ShardRows))
        {
            ShardPlacer.Place(Job, shard, model).Positions.CopyTo(result.AsSpan(shard.Start * 2));
        }

        return result;
    });

    [Fact]
    public async Task Three_silos_place_every_shard_and_give_the_bytes_of_one_machine()
    {
        await using var cluster = await TestSilos.Start(3);
        var job = Job with { JobId = Guid.NewGuid().ToString("N") };
        var result = await new ClusterJobRunner(cluster.Client, new ClusterRunSettings(ShardRows)).Run(job, null, TestContext.Current.CancellationToken);

        Assert.Equal(Rows / ShardRows, result.ShardsPerSilo.Values.Sum());
        Assert.Equal(3, result.ShardsPerSilo.Count);
        Assert.Equal(Rows - 500, result.PlacedPerSilo.Values.Sum());
        Assert.Equal("stratified by label", result.Sample.Selection);
        Assert.All(result.Positions, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(Reference.Value, result.Positions);
    }

    [Fact]
    public async Task One_silo_gives_the_same_bytes()
    {
        await using var cluster = await TestSilos.Start(1);
        var job = Job with { JobId = Guid.NewGuid().ToString("N") };
        var result = await new ClusterJobRunner(cluster.Client, new ClusterRunSettings(ShardRows)).Run(job, null, TestContext.Current.CancellationToken);
        Assert.Single(result.ShardsPerSilo);
        Assert.Equal(Reference.Value, result.Positions);
    }

    [Fact]
    public async Task A_silo_killed_mid_job_has_its_shards_redone_elsewhere_with_the_same_bytes()
    {
        await using var cluster = await TestSilos.Start(3);
        var job = Job with { JobId = Guid.NewGuid().ToString("N") };
        // The first shard placed on a silo other than the primary (which holds the test cluster's membership) marks the silo to kill.
        var primary = cluster.Primary!.SiloAddress.ToString();
        var victim = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var progress = new Inline(p =>
        {
            var on = p.Message.Split(" placed on ", 2);
            if (on.Length == 2 && p.ShardsDone < p.Shards / 2)
            {
                var silo = on[1].Split(' ')[0];
                if (silo != primary)
                {
                    victim.TrySetResult(silo);
                }
            }
        });
        // A call in flight to the killed silo is given up after a minute at most: when the silo that hosts the
        // management grain is slow to learn of the loss, the live-silo list can lag, and the product's default
        // (10 minutes, sized for real shards) would stall the test that long.
        var settings = new ClusterRunSettings(ShardRows, CallTimeout: TimeSpan.FromMinutes(1));
        var run = new ClusterJobRunner(cluster.Client, settings).Run(job, progress, TestContext.Current.CancellationToken);
        var killed = await victim.Task.WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        await cluster.KillSiloAsync(cluster.Silos.Single(s => s.SiloAddress.ToString() == killed));
        var result = await run;

        Assert.True(result.Retries >= 1, "the killed silo's shards in flight were sent again");
        Assert.Equal(Rows / ShardRows, result.ShardsPerSilo.Values.Sum());
        Assert.Equal(Reference.Value, result.Positions);
    }

    [Fact]
    public async Task A_cancelled_job_stops()
    {
        await using var cluster = await TestSilos.Start(1);
        var job = Job with { JobId = Guid.NewGuid().ToString("N") };
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var progress = new Inline(p =>
        {
            if (p.Message.Contains(" placed on ", StringComparison.Ordinal))
            {
                cancel.Cancel();
            }
        });
        var run = new ClusterJobRunner(cluster.Client, new ClusterRunSettings(ShardRows)).Run(job, progress, cancel.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task Bad_input_is_one_line_naming_the_file()
    {
        await using var cluster = await TestSilos.Start(1);
        var runner = new ClusterJobRunner(cluster.Client, new ClusterRunSettings(ShardRows));
        var missing = Job with { JobId = Guid.NewGuid().ToString("N"), InputName = "absent.npy" };
        var e = await Assert.ThrowsAsync<ClusterInputException>(() => runner.Run(missing, null, TestContext.Current.CancellationToken));
        Assert.Contains("absent.npy", e.Message, StringComparison.Ordinal);
        Assert.Contains("shared folder", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);

        var noColumn = Job with { JobId = Guid.NewGuid().ToString("N"), LabelColumn = "species" };
        e = await Assert.ThrowsAsync<ClusterInputException>(() => runner.Run(noColumn, null, TestContext.Current.CancellationToken));
        Assert.Contains("'species'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);

        var otherFile = Job with { JobId = Guid.NewGuid().ToString("N"), Rows = Rows + 1 };
        e = await Assert.ThrowsAsync<ClusterInputException>(() => runner.Run(otherFile, null, TestContext.Current.CancellationToken));
        Assert.Contains("same copy", e.Message, StringComparison.Ordinal);
    }

    private sealed class Inline(Action<ClusterProgress> report) : IProgress<ClusterProgress>
    {
        public void Report(ClusterProgress value) => report(value);
    }
}
