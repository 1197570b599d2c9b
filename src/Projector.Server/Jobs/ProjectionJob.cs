using Projector.Core.Projections;
using Projector.Server.Contracts;

namespace Projector.Server.Jobs;

/// <summary>
/// One projection: its status, the latest published frame, pause and stop. Every change completes
/// <see cref="Changed"/>, so observers (the WebSocket) wake up without polling and see the newest
/// state; intermediate frames they miss are simply skipped.
/// </summary>
internal sealed class ProjectionJob : IDisposable
{
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop;
    private TaskCompletionSource _changed = NewSignal();
    private JobStatus _status;
    private string _phase;
    private int _iteration;
    private int _total;
    private double? _cost;
    private string? _error;
    private IReadOnlyList<double>? _explained;
    private ProjectionFrame? _frame;
    private byte[]? _frameMessage;
    private long _frameVersion;
    private long _statusVersion;
    private bool _streaming;

    public ProjectionJob(string id, ProjectionPlan plan, int dims, int totalIterations, CancellationToken shutdown)
    {
        Id = id;
        Plan = plan;
        Dims = dims;
        _total = totalIterations;
        _phase = "queued";
        _stop = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
    }

    public string Id { get; }

    public ProjectionPlan Plan { get; }

    public int Dims { get; }

    public bool Cached { get; private init; }

    /// <summary>Where the job's time goes, from the request on (logged with its first moving frame and its end).</summary>
    public JobTimeline Timeline { get; } = new();

    /// <summary>Pause, resume and stop: the one pause state, which the frame stream and the job's status both read.</summary>
    public ProjectionControl Control { get; } = new();

    /// <summary>Cancelled by <see cref="Stop"/> or by the server shutting down.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>Completes at the next change of status or frame.</summary>
    public Task Changed
    {
        get
        {
            lock (_lock)
            {
                return _changed.Task;
            }
        }
    }

    public bool IsFinished
    {
        get
        {
            lock (_lock)
            {
                return _status is JobStatus.Done or JobStatus.Stopped or JobStatus.Failed;
            }
        }
    }

    /// <summary>A job that is done at once with a layout computed (or found) on the spot.</summary>
    public static ProjectionJob Finished(string id, ProjectionPlan plan, FinalLayout layout, bool cached)
    {
        var job = new ProjectionJob(id, plan, layout.Frame.Dimensions, layout.Frame.TotalIterations, CancellationToken.None) { Cached = cached };
        job._explained = layout.ExplainedVariance;
        job.Publish(layout.Frame);
        job.Finish(JobStatus.Done);
        return job;
    }

    public JobInfo Info()
    {
        lock (_lock)
        {
            var shown = Control.IsPaused && _status is JobStatus.Running or JobStatus.Queued ? JobStatus.Paused : _status;
            return new JobInfo(Id, Plan.Entry.Id, Plan.Method, shown.ToString().ToLowerInvariant(), _iteration, _total, _phase, _cost, Plan.Points, Dims, Cached, _error, _explained);
        }
    }

    /// <summary>The latest published frame, or null before the first.</summary>
    public ProjectionFrame? LatestFrame
    {
        get
        {
            lock (_lock)
            {
                return _frame;
            }
        }
    }

    /// <summary>The latest frame, its encoded message and the versions an observer compares against.</summary>
    public (ProjectionFrame? Frame, byte[]? Message, long FrameVersion, long StatusVersion) Observe()
    {
        lock (_lock)
        {
            if (_frame is not null && _frameMessage is null)
            {
                _frameMessage = FrameMessage.Encode(_frame);
            }

            return (_frame, _frameMessage, _frameVersion, _statusVersion);
        }
    }

    public void SetPhase(string phase, JobStatus? status = null)
    {
        lock (_lock)
        {
            var changed = phase != _phase || (status is { } s && s != _status);
            _phase = phase;
            _status = status ?? _status;
            if (changed)
            {
                _statusVersion++;
                Signal();
            }
        }
    }

    /// <summary>Records progress without a new frame (iterations between published frames).</summary>
    public void Progress(int iteration, int total, string phase, double? cost)
    {
        lock (_lock)
        {
            _iteration = iteration;
            _total = total;
            _cost = cost ?? _cost;
            if (phase != _phase)
            {
                _phase = phase;
                _statusVersion++;
                Signal();
            }
        }
    }

    public void Publish(ProjectionFrame frame)
    {
        lock (_lock)
        {
            _frame = frame;
            _frameMessage = null;
            _iteration = frame.Iteration;
            _total = frame.TotalIterations;
            _cost = frame.Cost ?? _cost;
            if (frame.Phase != _phase)
            {
                _phase = frame.Phase;
                _statusVersion++;
            }

            _frameVersion++;
            Signal();
        }
    }

    public void Finish(JobStatus status, string? error = null)
    {
        lock (_lock)
        {
            _status = status;
            _error = error;
            _phase = status.ToString().ToLowerInvariant();
            Control.Resume();
            _statusVersion++;
            Signal();
        }
    }

    public void Pause()
    {
        lock (_lock)
        {
            if (_status is JobStatus.Done or JobStatus.Stopped or JobStatus.Failed || !Control.Pause())
            {
                return;
            }

            _statusVersion++;
            Signal();
        }
    }

    public void Resume()
    {
        lock (_lock)
        {
            if (!Control.Resume())
            {
                return;
            }

            _statusVersion++;
            Signal();
        }
    }

    /// <summary>
    /// Stops the job: a streaming run ends after its current iteration with the layout so far; a job still
    /// queued or preparing is cancelled.
    /// </summary>
    public void Stop()
    {
        Resume();
        Control.Stop();
        bool streaming;
        lock (_lock)
        {
            streaming = _streaming;
        }

        if (!streaming)
        {
            _stop.Cancel();
        }
    }

    /// <summary>From here on a stop ends the frame stream instead of cancelling the set-up.</summary>
    public void BeginStreaming()
    {
        lock (_lock)
        {
            _streaming = true;
        }
    }

    /// <summary>Waits while the job is paused, also before its run starts; a stop ends the wait.</summary>
    public Task WhilePaused() => Control.WhilePaused(Token);

    public void Dispose() => _stop.Dispose();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Signal()
    {
        var done = _changed;
        _changed = NewSignal();
        done.TrySetResult();
    }
}
