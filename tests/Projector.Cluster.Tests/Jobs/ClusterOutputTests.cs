using Projector.Cluster.Jobs;
using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Publishing.Tiles;

namespace Projector.Cluster.Tests.Jobs;

public sealed class ClusterOutputTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "projector-cluster-tests", Guid.NewGuid().ToString("N"));

    public ClusterOutputTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Writes_the_tile_set_and_the_positions_and_leaves_no_temporary_folder()
    {
        using var dataset = Points(500);
        var positions = Enumerable.Range(0, 1000).Select(i => (float)Math.Sin(i)).ToArray();
        var target = Path.Combine(_folder, "tiles");
        var manifest = ClusterOutput.Write(target, dataset, positions, new TileSetOptions { TilePoints = TileSetOptions.MinTilePoints }, null, TestContext.Current.CancellationToken);

        Assert.Equal(500, manifest.Points);
        Assert.True(File.Exists(Path.Combine(target, "tiles.json")));
        using var written = DatasetReader.Read(Path.Combine(target, ClusterOutput.PositionsFile), ReadOptions.Default);
        Assert.Equal(positions, written.Matrix.ToArray());
        Assert.Equal([target], Directory.GetDirectories(_folder));
    }

    [Fact]
    public void A_folder_that_is_not_empty_is_refused_and_left_as_it_was()
    {
        using var dataset = Points(10);
        var target = Path.Combine(_folder, "busy");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "mine.txt"), "keep");
        var e = Assert.Throws<ClusterInputException>(() => ClusterOutput.Write(target, dataset, new float[20], new TileSetOptions(), null, TestContext.Current.CancellationToken));
        Assert.Contains("not empty", e.Message, StringComparison.Ordinal);
        Assert.Equal(["mine.txt"], Directory.GetFileSystemEntries(target).Select(Path.GetFileName));
        Assert.Equal([target], Directory.GetDirectories(_folder));
    }

    private static Dataset Points(int rows) =>
        new("points", EmbeddingMatrix.FromArray(Enumerable.Range(0, rows * 3).Select(i => (float)i).ToArray(), rows, 3));
}
