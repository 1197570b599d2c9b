using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Projector.Core.Projections;

/// <summary>Runs an <see cref="IIterativeProjection"/> to the end, as a stream of frames or to a final layout.</summary>
public static class ProjectionRunner
{
    /// <summary>
    /// Streams frames: the initial layout, every iteration for the first <paramref name="everyIterationUntil"/>,
    /// then at most one per <paramref name="minInterval"/> (default 100 ms), and always the last.
    /// Cancellation stops within one iteration.
    /// </summary>
    public static async IAsyncEnumerable<ProjectionFrame> Frames(
        IIterativeProjection projection,
        int everyIterationUntil = 50,
        TimeSpan? minInterval = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projection);
        var interval = minInterval ?? TimeSpan.FromMilliseconds(100);
        var clock = Stopwatch.StartNew();
        yield return projection.Snapshot();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var stepped = await Task.Run(() => projection.Step(cancellationToken), cancellationToken).ConfigureAwait(false);
            if (!stepped)
            {
                break;
            }

            var last = projection.Iteration >= projection.TotalIterations;
            if (last || projection.Iteration <= everyIterationUntil || clock.Elapsed >= interval)
            {
                clock.Restart();
                yield return projection.Snapshot();
            }
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
}
