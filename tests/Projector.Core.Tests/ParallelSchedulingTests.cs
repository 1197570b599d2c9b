namespace Projector.Core.Tests;

public sealed class ParallelSchedulingTests
{
    [Fact]
    public void Loops_inside_Run_use_the_given_scheduler_and_loops_outside_the_default()
    {
        var scheduler = new ConcurrentExclusiveSchedulerPair().ConcurrentScheduler;
        Assert.Same(TaskScheduler.Default, ParallelScheduling.Options().TaskScheduler);
        var inside = ParallelScheduling.Run(scheduler, () => ParallelScheduling.Options(2).TaskScheduler);
        Assert.Same(scheduler, inside);
        Assert.Same(TaskScheduler.Default, ParallelScheduling.Options().TaskScheduler);
    }

    [Fact]
    public void A_loop_started_inside_another_loop_body_sees_the_scheduler_too()
    {
        var scheduler = new ConcurrentExclusiveSchedulerPair().ConcurrentScheduler;
        var seen = new System.Collections.Concurrent.ConcurrentBag<TaskScheduler?>();
        ParallelScheduling.Run(scheduler, () => Parallel.For(0, 8, ParallelScheduling.Options(), _ => seen.Add(ParallelScheduling.Options().TaskScheduler)));
        Assert.Equal(8, seen.Count);
        Assert.All(seen, s => Assert.Same(scheduler, s));
    }

    [Fact]
    public void Thread_counts_map_to_the_degree_of_parallelism_and_all_cores_is_a_bound()
    {
        Assert.Equal(Environment.ProcessorCount, ParallelScheduling.Options().MaxDegreeOfParallelism);
        Assert.Equal(Environment.ProcessorCount, ParallelScheduling.Options(0).MaxDegreeOfParallelism);
        Assert.Equal(3, ParallelScheduling.Options(3).MaxDegreeOfParallelism);
    }

    [Fact]
    public void Items_that_run_long_never_run_on_more_threads_than_cores()
    {
        // The pool adds a thread every half second while items wait; an unbounded loop would take them.
        var (running, most) = (0, 0);
        Parallel.For(0, Environment.ProcessorCount * 4, ParallelScheduling.Options(), _ =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            Thread.Sleep(600);
            Interlocked.Decrement(ref running);
        });
        Assert.InRange(most, 1, Environment.ProcessorCount);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }
}
