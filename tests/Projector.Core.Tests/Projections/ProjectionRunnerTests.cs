using Projector.Core.Projections;

namespace Projector.Core.Tests.Projections;

public sealed class ProjectionRunnerTests
{
    [Fact]
    public void Frames_sends_every_early_iteration_and_the_last_once()
    {
        var run = new CountingRun(total: 80);
        var frames = ProjectionRunner.Frames(run).Select(f => f.Iteration).ToList();
        Assert.Equal(Enumerable.Range(0, ProjectionRunner.EveryIterationUntil + 1), frames.Take(ProjectionRunner.EveryIterationUntil + 1));
        Assert.Equal(80, frames[^1]);
        Assert.Single(frames, i => i == 80);
    }

    [Fact]
    public void A_stop_ends_the_stream_with_the_layout_so_far_as_the_last_frame()
    {
        var run = new CountingRun(total: 1000);
        var control = new ProjectionControl();
        var frames = new List<int>();
        foreach (var frame in ProjectionRunner.Frames(run, control))
        {
            frames.Add(frame.Iteration);
            if (frame.Iteration == 10)
            {
                control.Stop();
            }
        }

        Assert.Equal(10, frames[^1]);
        Assert.Equal(10, run.Iteration);
    }

    [Fact]
    public async Task A_pause_holds_the_run_between_iterations_until_resumed()
    {
        var run = new CountingRun(total: 100);
        var control = new ProjectionControl();
        var progress = new List<long>();
        var paused = new ManualResetEventSlim();
        var stream = Task.Run(() =>
        {
            foreach (var frame in ProjectionRunner.Frames(run, control, new SyncProgress(progress)))
            {
                if (frame.Iteration == 5)
                {
                    Assert.True(control.Pause());
                    paused.Set();
                }
            }
        }, TestContext.Current.CancellationToken);
        paused.Wait(TestContext.Current.CancellationToken);
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Equal(5, run.Iteration);
        Assert.True(control.IsPaused);
        Assert.True(control.Resume());
        await stream;
        Assert.Equal(100, run.Iteration);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), progress);
    }

    [Fact]
    public async Task FramesAsync_streams_the_same_frames_and_stops_on_cancellation()
    {
        var frames = new List<int>();
        await foreach (var frame in ProjectionRunner.FramesAsync(new CountingRun(total: 30), cancellationToken: TestContext.Current.CancellationToken))
        {
            frames.Add(frame.Iteration);
        }

        Assert.Equal(ProjectionRunner.Frames(new CountingRun(total: 30)).Select(f => f.Iteration), frames);
        using var cts = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var frame in ProjectionRunner.FramesAsync(new CountingRun(total: 30), cancellationToken: cts.Token))
            {
                if (frame.Iteration == 3)
                {
                    await cts.CancelAsync();
                }
            }
        });
    }

    private sealed class SyncProgress(List<long> seen) : IProgress<ProjectionProgress>
    {
        public void Report(ProjectionProgress value) => seen.Add(value.Done);
    }

    /// <summary>A projection whose layout is its iteration count: enough to see what the runner sends.</summary>
    private sealed class CountingRun(int total) : IIterativeProjection
    {
        public int Iteration { get; private set; }

        public int TotalIterations => total;

        public int Dimensions => 2;

        public int Points => 1;

        public string Phase => "optimizing";

        public double? LastCost => null;

        public bool Step(CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Iteration >= total)
            {
                return false;
            }

            Iteration++;
            return true;
        }

        public ProjectionFrame Snapshot() => new([Iteration, Iteration], 1, 2, Iteration, total, null, Phase);
    }
}
