using System.Collections.Concurrent;
using Projector.Core;

namespace Projector.Server.Work;

// Design: the parallel loops of projections and PCA (Parallel.For in Core) take their threads from the
// shared thread pool unless told otherwise. That pool also runs Kestrel's I/O continuations and every
// cheap request: a t-SNE iteration's loop occupies each pool thread it gets for milliseconds at a time,
// and a catalog request that arrives meanwhile waits in the pool's queue behind the loop's chunks (the
// catalog's p99 was 60-150 ms while two jobs computed, its p50 2 ms). Run through Execute, the same
// loops are scheduled here (Core's ParallelScheduling) and spread over threads of their own at a lower
// OS priority, so the pool stays free for requests and the kernel schedules a request's thread first
// when the cores are busy. The layouts are the same bytes: the loops' partitioning does not depend on
// which threads run them.

/// <summary>
/// Dedicated low-priority threads that run the server's CPU-heavy parallel loops, away from the thread
/// pool that answers requests.
/// </summary>
internal sealed class ComputeThreads : TaskScheduler, IDisposable
{
    private readonly BlockingCollection<Task> _tasks = [];
    private readonly Thread[] _threads;

    /// <summary>Starts <paramref name="threads"/> threads at the work pool's priority.</summary>
    public ComputeThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _threads = new Thread[threads];
        for (var i = 0; i < threads; i++)
        {
            _threads[i] = new Thread(Loop) { IsBackground = true, Name = $"projector-compute-{i + 1}" };
            _threads[i].Start();
        }
    }

    /// <inheritdoc/>
    public override int MaximumConcurrencyLevel => _threads.Length;

    /// <summary>
    /// Runs <paramref name="work"/> on the calling thread with the library's parallel loops scheduled on
    /// these threads; exceptions pass through unchanged.
    /// </summary>
    public T Execute<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return ParallelScheduling.Run(this, work);
    }

    /// <inheritdoc cref="Execute{T}(Func{T})"/>
    public void Execute(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        Execute(() =>
        {
            work();
            return true;
        });
    }

    /// <summary>
    /// Runs <paramref name="work"/> as <see cref="Execute(Action)"/> does, from a thread created for it
    /// (a job's), which is lowered to the compute threads' priority first and stays lowered.
    /// </summary>
    public void ExecuteOnDedicatedThread(Action work)
    {
        // The calling thread runs the first share of every parallel loop, as busy as a compute thread: at
        // the ordinary priority, two jobs' threads took both cores from the requests (catalog p99 of
        // 125-250 ms while the compute threads already ran lower).
        BackgroundPriority.Lower(BackgroundPriority.Work);
        Execute(work);
    }

    public void Dispose()
    {
        _tasks.CompleteAdding();
        foreach (var thread in _threads)
        {
            thread.Join(TimeSpan.FromSeconds(5));
        }

        if (_threads.All(t => !t.IsAlive))
        {
            _tasks.Dispose();
        }
    }

    /// <inheritdoc/>
    protected override void QueueTask(Task task)
    {
        try
        {
            _tasks.Add(task);
        }
        catch (InvalidOperationException)
        {
            // Stopping: run it here rather than lose it; a loop's replica finds its work done or cancelled.
            TryExecuteTask(task);
        }
    }

    /// <inheritdoc/>
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        // A loop's first replica runs on the thread that started the loop, so a loop makes progress when
        // every compute thread is busy. A task inlined after it was queued is skipped by the thread that
        // later takes it (TryExecuteTask returns false).
        TryExecuteTask(task);

    /// <inheritdoc/>
    protected override IEnumerable<Task> GetScheduledTasks() => _tasks.ToArray();

    private void Loop()
    {
        BackgroundPriority.Lower(BackgroundPriority.Work);
        foreach (var task in _tasks.GetConsumingEnumerable())
        {
            TryExecuteTask(task);
        }
    }
}
