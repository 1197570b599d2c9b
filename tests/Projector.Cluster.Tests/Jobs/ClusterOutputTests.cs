using Projector.Cluster.Grains;
using Projector.Cluster.Jobs;

namespace Projector.Cluster.Tests.Jobs;

public sealed class ClusterOutputTests : IDisposable
{
    private static readonly ClusterJob Job = new() { JobId = "j", InputName = "points.npy", Method = "umap", Rows = 10, Dimensions = 3, TilePoints = 64 };

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "projector-cluster-tests", Guid.NewGuid().ToString("N"));

    public ClusterOutputTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_folder_that_is_not_empty_is_refused_and_left_as_it_was()
    {
        using var work = JobFolder.Create(_folder, "busy-job");
        var target = Path.Combine(_folder, "busy");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "mine.txt"), "keep");
        var e = Assert.Throws<ClusterInputException>(() => ClusterOutput.Write(target, "points", Job, Result(), work, null, TestContext.Current.CancellationToken));
        Assert.Contains("not empty", e.Message, StringComparison.Ordinal);
        Assert.Equal(["mine.txt"], Directory.GetFileSystemEntries(target).Select(Path.GetFileName));
    }

    [Fact]
    public void A_shard_missing_from_the_job_folder_is_one_line_and_leaves_no_temporary_folder()
    {
        using var work = JobFolder.Create(_folder, "empty-job");
        var target = Path.Combine(_folder, "tiles");
        var e = Assert.Throws<ClusterInputException>(() => ClusterOutput.Write(target, "points", Job, Result(), work, null, TestContext.Current.CancellationToken));
        Assert.Contains("same shared folder", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal([work.Path], Directory.GetDirectories(_folder));
        work.Dispose();
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    private static ClusterJobResult Result() =>
        new(ShardPlan.Cut(10, 5), new SampleModel { Rows = [0, 1], Positions = [0, 0, 1, 1] }, new Dictionary<string, int>(), new Dictionary<string, long>(), 0, TimeSpan.Zero, TimeSpan.Zero);
}
