using Orleans.TestingHost;
using Projector.Cluster.Grains;
using Projector.Cluster.Jobs;
using Projector.Cluster.Tests.Tiles;
using Projector.Cluster.Tiles;
using Projector.Core.Data;
using Projector.Core.Formats;

namespace Projector.Cluster.Tests.Jobs;

public sealed class ClusterJobRunnerTests
{
    private const int Rows = 4000;
    private const int ShardRows = 250;

    private static readonly ClusterJob Job = MakeJob();

    private static ClusterJob MakeJob()
    {
        var (npy, tsv) = SyntheticInput.Write(TestSilos.Shared, "gauss", Rows, 12, 5, seed: 11);
        return JobMetadata.Plan(tsv, MetadataTable.Empty(Rows), Rows, new List<string>()).ApplyTo(new ClusterJob
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
            // Small tiles, so that 4,000 points make a quadtree of several levels.
            TilePoints = 64,
        });
    }

    // What one machine computes with the code a silo runs: the sample's layout, every shard placed and cut
    // into its tile pieces in turn, then the client's merge.
    private static readonly Lazy<SortedDictionary<string, string>> Reference = new(() => ReferenceOf(Job));

    private static SortedDictionary<string, string> ReferenceOf(ClusterJob job)
    {
        var shared = new SharedFolder(TestSilos.Shared);
        var sample = SampleGrain.Compute(job, shared, "local");
        Assert.Null(sample.Error);
        using var folder = JobFolder.Create(TestSilos.Shared, "local-" + Guid.NewGuid().ToString("N"));
        var shards = ShardPlan.Cut(Rows, ShardRows);
        using (var model = JobModel.Build(job, sample, shared, CancellationToken.None))
        {
            Assert.Equal(job.SampleSize >= job.IndexFromRows, model.Index is not null);
            foreach (var shard in shards)
            {
                var values = JobMetadata.Read(job, model.MetadataPath, model.Input.Metadata, shard.Start, shard.Count);
                ShardPieces.Write(folder.Path, shard.Index, shard.Start, ShardPlacer.Place(job, shard, model).Positions, values, model.Plan, job.Method, CancellationToken.None);
            }
        }

        var result = new ClusterJobResult(shards, sample, new Dictionary<string, int>(), new Dictionary<string, long>(), 0, TimeSpan.Zero, TimeSpan.Zero);
        var target = Path.Combine(TestSilos.Shared, "reference-" + Guid.NewGuid().ToString("N"));
        ClusterOutput.Write(target, "gauss", job, result, folder, null, CancellationToken.None);
        return TileMergeTests.Files(target);
    }

    // Runs the job on the cluster and merges its tiles as the command line does; returns the job's result and its files' hashes.
    private static async Task<(ClusterJobResult Result, SortedDictionary<string, string> Files)> RunAndMerge(TestCluster cluster, ClusterRunSettings settings, IProgress<ClusterProgress>? progress = null, ClusterJob? of = null)
    {
        var job = (of ?? Job) with { JobId = Guid.NewGuid().ToString("N") };
        using var folder = JobFolder.Create(TestSilos.Shared, job.JobId);
        job = job with { WorkFolder = folder.Name };
        var result = await new ClusterJobRunner(cluster.Client, settings).Run(job, progress, TestContext.Current.CancellationToken);
        var target = Path.Combine(TestSilos.Shared, "out-" + job.JobId);
        ClusterOutput.Write(target, "gauss", job, result, folder, null, TestContext.Current.CancellationToken);
        var files = TileMergeTests.Files(target);
        Directory.Delete(target, recursive: true);
        return (result, files);
    }

    [Fact]
    public async Task Three_silos_place_every_shard_and_give_the_bytes_of_one_machine()
    {
        await using var cluster = await TestSilos.Start(3);
        var (result, files) = await RunAndMerge(cluster, new ClusterRunSettings(ShardRows));

        Assert.Equal(Rows / ShardRows, result.ShardsPerSilo.Values.Sum());
        Assert.Equal(3, result.ShardsPerSilo.Count);
        Assert.Equal(Rows - 500, result.PlacedPerSilo.Values.Sum());
        Assert.Equal("stratified by label", result.Sample.Selection);
        Assert.Contains("tiles.json", files.Keys);
        Assert.Contains("positions.npy", files.Keys);
        Assert.Contains(files.Keys, f => f.EndsWith(".arrow", StringComparison.Ordinal) && f.StartsWith('2'));
        Assert.Equal(Reference.Value, files);
    }

    [Fact]
    public async Task Placing_through_the_samples_neighbour_index_gives_the_same_bytes_on_two_silos_as_on_one_machine()
    {
        // A threshold under the sample's 500 rows: every silo builds the index and every shard's searches go through it.
        var indexed = Job with { IndexFromRows = 100 };
        await using var cluster = await TestSilos.Start(2);
        var (result, files) = await RunAndMerge(cluster, new ClusterRunSettings(ShardRows), of: indexed);
        Assert.Equal(2, result.ShardsPerSilo.Count);
        Assert.Equal(ReferenceOf(indexed), files);
        // Nearly all the index's neighbours are the exact ones here, but not all: the placed positions differ a little.
        Assert.NotEqual(Reference.Value["positions.npy"], files["positions.npy"]);
    }

    [Fact]
    public async Task One_silo_gives_the_same_bytes()
    {
        await using var cluster = await TestSilos.Start(1);
        var (result, files) = await RunAndMerge(cluster, new ClusterRunSettings(ShardRows));
        Assert.Single(result.ShardsPerSilo);
        Assert.Equal(Reference.Value, files);
    }

    [Fact]
    public async Task A_silo_killed_mid_job_has_its_shards_redone_elsewhere_with_the_same_bytes()
    {
        await using var cluster = await TestSilos.Start(3);
        // The first shard placed on a silo other than the primary (which holds the test cluster's membership) marks the silo to kill.
        var primary = cluster.Primary!.SiloAddress.ToString();
        var victim = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var progress = new InlineProgress(p =>
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
        var run = RunAndMerge(cluster, settings, progress);
        var killed = await victim.Task.WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        await cluster.KillSiloAsync(cluster.Silos.Single(s => s.SiloAddress.ToString() == killed));
        var (result, files) = await run;

        // Whether the killed silo still had a shard in flight is a race on a quiet machine (these shards
        // take milliseconds); when it had, the shard was sent again. Every shard is done once, and the
        // bytes are the reference's either way (scripts/cluster-test.sh kills a silo of real processes).
        Assert.Equal(Rows / ShardRows, result.ShardsPerSilo.Values.Sum());
        Assert.Equal(Reference.Value, files);
    }

    [Fact]
    public async Task A_cancelled_job_stops()
    {
        await using var cluster = await TestSilos.Start(1);
        var job = Job with { JobId = Guid.NewGuid().ToString("N") };
        using var folder = JobFolder.Create(TestSilos.Shared, job.JobId);
        job = job with { WorkFolder = folder.Name };
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var progress = new InlineProgress(p =>
        {
            if (p.Message.Contains(" placed on ", StringComparison.Ordinal))
            {
                cancel.Cancel();
            }
        });
        var run = new ClusterJobRunner(cluster.Client, new ClusterRunSettings(ShardRows)).Run(job, progress, cancel.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        // A cancelled call returns on the client at once; the silo stops its shard and removes its
        // temporary file a moment later.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Directory.GetFiles(folder.Path, "*.tmp").Length > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
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

    [Fact]
    public async Task A_value_that_is_not_a_number_is_found_by_the_silo_that_reads_its_row()
    {
        // The client reads a .npy's header only; the silos check the rows they read, the sample's and each shard's.
        var source = Path.Combine(TestSilos.Shared, Job.InputName);
        var name = "nan-" + Guid.NewGuid().ToString("N") + ".npy";
        using (var input = DatasetReader.Read(source, ReadOptions.Default))
        {
            var values = input.Matrix.ToArray();
            values[(3001 * 12) + 5] = float.NaN;
            DatasetWriter.Write(Path.Combine(TestSilos.Shared, name), [new Dataset("nan", EmbeddingMatrix.FromArray(values, Rows, 12))]);
        }

        await using var cluster = await TestSilos.Start(1);
        var job = Job with { JobId = Guid.NewGuid().ToString("N"), InputName = name };
        using var folder = JobFolder.Create(TestSilos.Shared, job.JobId);
        var e = await Assert.ThrowsAsync<ClusterInputException>(() => new ClusterJobRunner(cluster.Client, new ClusterRunSettings(ShardRows)).Run(job with { WorkFolder = folder.Name }, null, TestContext.Current.CancellationToken));
        Assert.Contains(name, e.Message, StringComparison.Ordinal);
        Assert.Contains("row 3002, column 6 is NaN", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}
