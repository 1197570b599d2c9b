using Projector.Core.Projections.Umap;

namespace Projector.Core.Tests.Projections.Umap;

public sealed partial class UmapTests
{
    [Fact]
    public void Fit_separates_gaussian_blobs_perfectly()
    {
        // Given
        var (data, labels) = UmapTestData.Blobs(4, 100, 10, 12);
        var before = UmapTestData.LeaveOneOutAccuracy(data.ToArray(), 10, labels);

        // When
        var frame = UmapProjection.Fit(data, new UmapOptions { Epochs = 200 });

        // Then
        Assert.Equal(1.0, before);
        Assert.Equal(1.0, UmapTestData.LeaveOneOutAccuracy(frame.Positions, 2, labels));
        Assert.Equal(200, frame.Iteration);
        Assert.All(frame.Positions, x => Assert.True(float.IsFinite(x)));
    }

    [Fact]
    public void Fit_lays_out_in_three_dimensions()
    {
        // Given
        var (data, labels) = UmapTestData.Blobs(3, 80, 6, 12);

        // When
        var frame = UmapProjection.Fit(data, new UmapOptions { Dimensions = 3, Epochs = 150 });

        // Then
        Assert.Equal(3, frame.Dimensions);
        Assert.Equal(240 * 3, frame.Positions.Length);
        Assert.Equal(1.0, UmapTestData.LeaveOneOutAccuracy(frame.Positions, 3, labels));
        for (var d = 0; d < 3; d++)
        {
            var column = Enumerable.Range(0, 240).Select(i => frame.Positions[(i * 3) + d]).ToArray();
            Assert.True(column.Max() - column.Min() > 1, $"axis {d} is used");
        }
    }

    [Fact]
    public void Fit_gives_the_same_bytes_for_the_same_seed_whatever_the_thread_count()
    {
        // Given
        var (data, _) = UmapTestData.Blobs(3, 150, 8, 6);

        // When
        var one = UmapProjection.Fit(data, new UmapOptions { Epochs = 60, Threads = 2 });
        var two = UmapProjection.Fit(data, new UmapOptions { Epochs = 60, Threads = 2 });
        var single = UmapProjection.Fit(data, new UmapOptions { Epochs = 60, Threads = 1 });
        var otherSeed = UmapProjection.Fit(data, new UmapOptions { Epochs = 60, Threads = 2, Seed = 7 });

        // Then
        Assert.Equal(one.Positions, two.Positions);
        Assert.Equal(one.Positions, single.Positions);
        Assert.NotEqual(one.Positions, otherSeed.Positions);
    }

    [Fact]
    public void Create_starts_spectral_and_steps_one_epoch_at_a_time()
    {
        // Given
        var (data, _) = UmapTestData.Blobs(2, 50, 4, 6);
        var run = UmapProjection.Create(data, new UmapOptions { Epochs = 3 });
        var start = run.Snapshot();

        // When
        var steps = 0;
        while (run.Step())
        {
            steps++;
        }

        // Then
        Assert.Equal(UmapInitialization.Spectral, run.Initialization);
        Assert.Equal(0, start.Iteration);
        Assert.InRange(start.Positions.Min(), 0f, 0f);
        Assert.InRange(start.Positions.Max(), 10f, 10f);
        Assert.Equal(3, steps);
        Assert.Equal(3, run.Iteration);
        Assert.False(run.Step());
        Assert.True(run.Edges > 0);
    }

    [Theory]
    [InlineData(UmapInitialization.Pca)]
    [InlineData(UmapInitialization.Random)]
    public void Fit_separates_blobs_from_other_starts(UmapInitialization start)
    {
        var (data, labels) = UmapTestData.Blobs(3, 80, 6, 12);

        var run = UmapProjection.Create(data, new UmapOptions { Epochs = 200, Initialization = start });
        var frame = Projector.Core.Projections.ProjectionRunner.RunToEnd(run);

        Assert.Equal(start, run.Initialization);
        Assert.True(UmapTestData.LeaveOneOutAccuracy(frame.Positions, 2, labels) >= 0.99);
    }

    [Fact]
    public void Create_reuses_a_given_graph_keeping_its_first_neighbours()
    {
        // Given
        var (data, _) = UmapTestData.Blobs(2, 60, 4, 6);
        var wide = Projector.Core.Neighbors.NeighborSearch.BuildGraph(data, 25, Projector.Core.Neighbors.Metric.Euclidean);
        var options = new UmapOptions { Epochs = 20 };

        // When
        var reused = UmapProjection.Fit(data, options, wide);
        var own = UmapProjection.Fit(data, options);

        // Then
        Assert.Equal(own.Positions, reused.Positions);
        Assert.Throws<ArgumentException>(() => UmapProjection.Create(data, options, Projector.Core.Neighbors.NeighborSearch.BuildGraph(data, 5, Projector.Core.Neighbors.Metric.Euclidean)));
    }
}
