namespace Projector.Core.Projections;

/// <summary>
/// Pause, resume and stop for a projection streamed by <see cref="ProjectionRunner.Frames"/>: a pause
/// holds the run between two iterations, a stop ends it there with the layout so far as the last frame.
/// Safe to call from any thread.
/// </summary>
public sealed class ProjectionControl
{
    private readonly Lock _lock = new();
    private TaskCompletionSource? _resume;
    private bool _stopped;

    /// <summary>True between <see cref="Pause"/> and <see cref="Resume"/> (or <see cref="Stop"/>).</summary>
    public bool IsPaused
    {
        get
        {
            lock (_lock)
            {
                return _resume is not null;
            }
        }
    }

    /// <summary>True once <see cref="Stop"/> was called.</summary>
    public bool IsStopRequested
    {
        get
        {
            lock (_lock)
            {
                return _stopped;
            }
        }
    }

    /// <summary>Holds the run after the current iteration; false when it was paused or stopped already.</summary>
    public bool Pause()
    {
        lock (_lock)
        {
            if (_resume is not null || _stopped)
            {
                return false;
            }

            _resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return true;
        }
    }

    /// <summary>Lets a paused run go on; false when it was not paused.</summary>
    public bool Resume()
    {
        TaskCompletionSource? resume;
        lock (_lock)
        {
            resume = _resume;
            _resume = null;
        }

        resume?.TrySetResult();
        return resume is not null;
    }

    /// <summary>Ends the run after the current iteration (a paused run ends at once).</summary>
    public void Stop()
    {
        lock (_lock)
        {
            _stopped = true;
        }

        Resume();
    }

    /// <summary>Completes when the run may go on: at once unless paused (for a host that waits before the run starts).</summary>
    public Task WhilePaused(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _resume is { } r ? r.Task.WaitAsync(cancellationToken) : Task.CompletedTask;
        }
    }
}
