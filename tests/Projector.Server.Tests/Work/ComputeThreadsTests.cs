using System.Collections.Concurrent;
using Projector.Core;
using Projector.Server.Work;

namespace Projector.Server.Tests.Work;

/// <summary>The parallel loops of heavy work must run on the compute threads, never on the request thread pool.</summary>
public sealed class ComputeThreadsTests
{
    [Fact]
    public async Task A_parallel_loop_run_through_Execute_uses_no_thread_pool_thread()
    {
        using var compute = new ComputeThreads(2);
        var threads = new ConcurrentDictionary<string, bool>();

        // Started from a pool thread, as a request's work would be without the compute threads.
        var caller = -1;
        await Task.Run(() =>
        {
            caller = Environment.CurrentManagedThreadId;
            compute.Execute(() => Parallel.For(0, 2000, ParallelScheduling.Options(), i =>
        {
            // The caller is a pool thread here and may take part in its own loop; no other pool thread may.
            var name = Environment.CurrentManagedThreadId == caller ? "caller" : Thread.CurrentThread.Name ?? "unnamed";
            threads[name] = true;

            Thread.SpinWait(20_000);
        }));
        }, TestContext.Current.CancellationToken);

        Assert.Contains(threads.Keys, name => name.StartsWith("projector-compute-", StringComparison.Ordinal));
        Assert.All(threads.Keys, name => Assert.True(name == "caller" || name.StartsWith("projector-compute-", StringComparison.Ordinal), name));
    }

    [Fact]
    public void Execute_returns_the_result_and_passes_exceptions_through_unwrapped()
    {
        using var compute = new ComputeThreads(1);
        Assert.Equal(42, compute.Execute(() => 42));
        var e = Assert.Throws<InvalidOperationException>(() => compute.Execute(() => throw new InvalidOperationException("bad")));
        Assert.Equal("bad", e.Message);
    }

    [Fact]
    public void Loops_of_concurrent_callers_all_finish_with_fewer_threads_than_callers()
    {
        // Every caller takes part in its own loop, so none waits forever for a compute thread.
        using var compute = new ComputeThreads(1);
        var sums = new long[4];
        Parallel.For(0, sums.Length, new ParallelOptions { MaxDegreeOfParallelism = sums.Length }, c =>
            compute.Execute(() => Parallel.For(0, 10_000, ParallelScheduling.Options(), i => Interlocked.Add(ref sums[c], i))));
        Assert.All(sums, s => Assert.Equal(49_995_000, s));
    }
}
