namespace Projector.Core;

/// <summary>
/// Where the library's parallel loops run. By default they share the process's thread pool; a host that
/// answers requests on that pool (a server) runs heavy work through <see cref="Run{T}"/> so its loops use
/// threads of the host's own instead. Results do not depend on the threads: the loops partition their work
/// the same way whatever runs them.
/// </summary>
public static class ParallelScheduling
{
    // Flows with the execution context, so a loop started inside another loop's body (on a scheduler
    // thread) sees it too.
    private static readonly AsyncLocal<TaskScheduler?> Scheduler = new();

    /// <summary>
    /// Runs <paramref name="work"/> on the calling thread with the library's parallel loops scheduled on
    /// <paramref name="scheduler"/>. (Parallel.For takes TaskScheduler.Default, not the current scheduler,
    /// when its options name none, so running the work as a task on a scheduler would not be enough.)
    /// </summary>
    public static T Run<T>(TaskScheduler scheduler, Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(work);
        var previous = Scheduler.Value;
        Scheduler.Value = scheduler;
        try
        {
            return work();
        }
        finally
        {
            Scheduler.Value = previous;
        }
    }

    /// <summary>Options for one of the library's parallel loops: at most <paramref name="threads"/> at once (all cores when null).</summary>
    /// <remarks>
    /// "All cores" is a bound, not "unbounded": a loop whose items run for minutes (a random projection tree
    /// of 10M rows each) otherwise keeps growing the pool, one thread per half second, until every item runs
    /// at once: at 10M points 16 trees' scratch at once and, on 2 cores, threads spinning on the heaps' locks
    /// while their holders wait to be scheduled.
    /// </remarks>
    internal static ParallelOptions Options(int? threads = null, CancellationToken cancellationToken = default) => new()
    {
        MaxDegreeOfParallelism = threads is > 0 ? threads.Value : Environment.ProcessorCount,
        CancellationToken = cancellationToken,
        TaskScheduler = Scheduler.Value ?? TaskScheduler.Default,
    };
}
