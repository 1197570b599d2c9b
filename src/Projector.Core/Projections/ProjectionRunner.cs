using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Projector.Core.Projections;

/// <summary>Runs an <see cref="IIterativeProjection"/> to the end, as a stream of frames or to a final layout.</summary>
public static class ProjectionRunner
{
    /// <summary>Every iteration is a frame up to this one; after it frames are throttled.</summary>
    public const int EveryIterationUntil = 50;

    /// <summary>After <see cref="EveryIterationUntil"/>, at most one frame per this interval (10 a second).</summary>
    public static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Streams frames: the initial layout, every iteration for the first <see cref="EveryIterationUntil"/>,
    /// then at most one per <see cref="FrameInterval"/>, and always the last. <paramref name="control"/>
    /// pauses between iterations and stops with the layout so far as the last frame; cancellation throws
    /// within one iteration. Iterations run on the thread that enumerates (give it a thread of its own
    /// for long runs); <paramref name="progress"/> hears of every iteration, framed or not.
    /// </summary>
    public static IEnumerable<ProjectionFrame> Frames(
        IIterativeProjection projection,
        ProjectionControl? control = null,
        IProgress<ProjectionProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projection);
        var clock = Stopwatch.StartNew();
        var sent = projection.Iteration;
        yield return projection.Snapshot();
        while (true)
        {
            control?.WhilePaused(cancellationToken).GetAwaiter().GetResult();
            if (control?.IsStopRequested == true || !projection.Step(cancellationToken))
            {
                break;
            }

            progress?.Report(new ProjectionProgress(projection.Phase, projection.Iteration, projection.TotalIterations, projection.LastCost));
            if (Due(projection, clock))
            {
                sent = projection.Iteration;
                yield return projection.Snapshot();
            }
        }

        // A stop (or a run that was complete to begin with) ends on the layout as it is, sent once.
        if (projection.Iteration != sent)
        {
            yield return projection.Snapshot();
        }
    }

    /// <summary>
    /// <see cref="Frames"/> for <c>await foreach</c>: each iteration runs on the thread pool, and a pause
    /// waits without holding a thread.
    /// </summary>
    public static async IAsyncEnumerable<ProjectionFrame> FramesAsync(
        IIterativeProjection projection,
        ProjectionControl? control = null,
        IProgress<ProjectionProgress>? progress = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projection);
        var clock = Stopwatch.StartNew();
        var sent = projection.Iteration;
        yield return projection.Snapshot();
        while (true)
        {
            if (control is not null)
            {
                await control.WhilePaused(cancellationToken).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (control?.IsStopRequested == true || !await Task.Run(() => projection.Step(cancellationToken), cancellationToken).ConfigureAwait(false))
            {
                break;
            }

            progress?.Report(new ProjectionProgress(projection.Phase, projection.Iteration, projection.TotalIterations, projection.LastCost));
            if (Due(projection, clock))
            {
                sent = projection.Iteration;
                yield return projection.Snapshot();
            }
        }

        if (projection.Iteration != sent)
        {
            yield return projection.Snapshot();
        }
    }

    /// <summary>Runs every remaining iteration and returns the final layout.</summary>
    public static ProjectionFrame RunToEnd(IIterativeProjection projection, IProgress<ProjectionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projection);
        while (projection.Step(cancellationToken))
        {
            progress?.Report(new ProjectionProgress(projection.Phase, projection.Iteration, projection.TotalIterations, projection.LastCost));
        }

        return projection.Snapshot();
    }

    private static bool Due(IIterativeProjection projection, Stopwatch clock)
    {
        if (projection.Iteration >= projection.TotalIterations || projection.Iteration <= EveryIterationUntil || clock.Elapsed >= FrameInterval)
        {
            clock.Restart();
            return true;
        }

        return false;
    }
}
