using Projector.Core.Projections.Umap;

namespace Projector.Core.Tests.Projections.Umap;

/// <content>Cancellation.</content>
public sealed partial class UmapTests
{
    [Fact]
    public void Step_stops_at_the_next_epoch_once_cancelled()
    {
        // Given
        var (data, _) = UmapTestData.Blobs(2, 50, 4, 6);
        var run = UmapProjection.Create(data, new UmapOptions { Epochs = 100 });
        using var cts = new CancellationTokenSource();

        // When
        for (var i = 0; i < 5; i++)
        {
            run.Step(cts.Token);
        }

        cts.Cancel();

        // Then
        Assert.Throws<OperationCanceledException>(() => run.Step(cts.Token));
        Assert.Equal(5, run.Iteration);
    }

    [Fact]
    public void Fit_stops_when_cancelled_during_the_epochs_or_the_set_up()
    {
        var (data, _) = UmapTestData.Blobs(2, 50, 4, 6);
        using var cts = new CancellationTokenSource();
        var progress = new SynchronousProgress(p =>
        {
            if (p.Phase == "optimizing" && p.Done == 10)
            {
                cts.Cancel();
            }
        });

        Assert.Throws<OperationCanceledException>(() => UmapProjection.Fit(data, new UmapOptions { Epochs = 100 }, progress: progress, cancellationToken: cts.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => UmapProjection.Create(data, cancellationToken: cts.Token));
    }

    private sealed class SynchronousProgress(Action<ProjectionProgress> report) : IProgress<ProjectionProgress>
    {
        public void Report(ProjectionProgress value) => report(value);
    }
}
