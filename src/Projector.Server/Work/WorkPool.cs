using System.Collections.Concurrent;
using System.Globalization;

namespace Projector.Server.Work;

// Design: the CPU-heavy requests (neighbours, search, starting a projection and what it prepares) run on
// a few threads of their own, fed by a bounded queue; when the queue is full the request is answered 503
// at once (ServerBusyException, turned into problem+json with Retry-After by BusyAnswer). Dedicated threads
// rather than a SemaphoreSlim gate around Task.Run: a gate bounds how many heavy requests run, but those
// that run still occupy thread-pool threads for their whole computation, and on a 2-core machine two of
// them take every thread the pool starts with, so the catalog, the metadata, static files and Kestrel's
// own I/O continuations wait until the pool injects more (about two a second). Here a request only awaits
// a TaskCompletionSource: it holds no thread while it waits or while its work runs, and the thread pool
// stays free for the cheap requests. The workers also run at a lower OS priority than the threads that
// answer those (BackgroundPriority), so on busy cores a catalog request is scheduled first. A worker's
// computation stays on its thread where the library allows (a neighbour scan runs with threads: 1), so the
// pool uses at most WorkerThreads cores. The work is handed the request's RequestAborted token; work whose
// caller has gone is dropped before it starts, and long work checks the token as it goes.

/// <summary>A fixed set of worker threads and a bounded queue for the server's CPU-heavy requests.</summary>
internal sealed class WorkPool : IDisposable
{
    private readonly BlockingCollection<WorkItem> _queue;
    private readonly Thread[] _threads;
    private readonly ComputeThreads? _compute;
    private int _running;

    /// <summary>
    /// Starts <paramref name="workers"/> threads that take work from a queue of at most <paramref name="queueLength"/>
    /// items; the parallel loops of that work run on <paramref name="compute"/> when given.
    /// </summary>
    public WorkPool(int workers, int queueLength, TimeSpan retryAfter, ComputeThreads? compute = null)
    {
        _compute = compute;
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(queueLength, 1);
        Workers = workers;
        QueueLength = queueLength;
        RetryAfter = retryAfter;
        _queue = new BlockingCollection<WorkItem>(new ConcurrentQueue<WorkItem>(), queueLength);
        _threads = new Thread[workers];
        for (var i = 0; i < workers; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"projector-work-{i + 1}" };
            _threads[i].Start();
        }
    }

    public int Workers { get; }

    public int QueueLength { get; }

    /// <summary>How long a refused caller is asked to wait before trying again.</summary>
    public TimeSpan RetryAfter { get; }

    /// <summary>Work waiting for a worker.</summary>
    public int Queued => _queue.Count;

    /// <summary>Work being computed.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>
    /// Runs <paramref name="work"/> on a worker thread; the task completes with its result or exception, or
    /// is cancelled when <paramref name="cancellationToken"/> is (work not started yet is then dropped).
    /// </summary>
    /// <exception cref="ServerBusyException">The queue is full.</exception>
    public Task<T> RunAsync<T>(Func<CancellationToken, T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        cancellationToken.ThrowIfCancellationRequested();
        var item = new WorkItem<T>(work, cancellationToken);
        bool added;
        try
        {
            added = _queue.TryAdd(item);
        }
        catch (InvalidOperationException)
        {
            // The server is stopping.
            added = false;
        }

        if (!added)
        {
            item.Forget();
            throw new ServerBusyException(
                string.Create(CultureInfo.InvariantCulture, $"The server is busy: {QueueLength} neighbour, search or projection requests are already waiting; retry in {RetryAfter.TotalSeconds:0} s."),
                RetryAfter);
        }

        return item.Task;
    }

    public void Dispose()
    {
        // Work already taken finishes (its callers may still be answered); the threads are background
        // threads, so one still computing after the wait does not keep the process alive.
        _queue.CompleteAdding();
        var deadline = Environment.TickCount64 + 5000;
        foreach (var thread in _threads)
        {
            thread.Join(TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64)));
        }

        // A thread still computing will look at the queue again when it is done.
        if (_threads.All(t => !t.IsAlive))
        {
            _queue.Dispose();
        }
    }

    private void Work()
    {
        BackgroundPriority.Lower(BackgroundPriority.Work);
        foreach (var item in _queue.GetConsumingEnumerable())
        {
            Interlocked.Increment(ref _running);
            try
            {
                // Work with parallel loops (PCA when a projection starts) runs them on the compute threads.
                if (_compute is null)
                {
                    item.Run();
                }
                else
                {
                    _compute.Execute(item.Run);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }
    }

    private abstract class WorkItem
    {
        /// <summary>Computes and completes the task; never throws.</summary>
        public abstract void Run();
    }

    private sealed class WorkItem<T> : WorkItem
    {
        private readonly Func<CancellationToken, T> _work;
        private readonly CancellationToken _token;
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenRegistration _registration;

        public WorkItem(Func<CancellationToken, T> work, CancellationToken token)
        {
            _work = work;
            _token = token;
            // The caller stops waiting as soon as it goes away, whether or not the work has started.
            _registration = token.Register(static s => ((WorkItem<T>)s!).Cancel(), this);
        }

        public Task<T> Task => _done.Task;

        public void Forget() => _registration.Dispose();

        public override void Run()
        {
            try
            {
                if (_token.IsCancellationRequested)
                {
                    return;
                }

                _done.TrySetResult(_work(_token));
            }
            catch (OperationCanceledException e) when (_token.IsCancellationRequested)
            {
                _done.TrySetCanceled(e.CancellationToken);
            }
#pragma warning disable CA1031 // Every failure goes to the awaiting request, which turns it into its answer.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _done.TrySetException(e);
            }
            finally
            {
                _registration.Dispose();
            }
        }

        private void Cancel() => _done.TrySetCanceled(_token);
    }
}
