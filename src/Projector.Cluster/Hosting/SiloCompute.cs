using Projector.Server.Work;

namespace Projector.Cluster.Hosting;

/// <summary>
/// Runs a grain's heavy work (a layout, a shard's placement) on a thread of its own with Core's parallel
/// loops on the silo's compute threads, so no thread-pool thread is held: Orleans answers its probes and
/// messages from that pool.
/// </summary>
internal sealed class SiloCompute(ComputeThreads threads)
{
    private int _running;

    /// <summary>Works running now: a cancelled job's shards are seen to stop when it falls.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>The result of <paramref name="work"/>, computed away from the thread pool.</summary>
    public Task<T> Run<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Increment(ref _running);
        var thread = new Thread(() =>
        {
            try
            {
                threads.ExecuteOnDedicatedThread(() => done.SetResult(work()));
            }
#pragma warning disable CA1031 // Every failure goes to the awaiting grain, which reports or rethrows it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                done.TrySetException(e);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        })
        { IsBackground = true, Name = "projector-cluster-work" };
        thread.Start();
        return done.Task;
    }
}
