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
    public void Thread_counts_map_to_the_degree_of_parallelism()
    {
        Assert.Equal(-1, ParallelScheduling.Options().MaxDegreeOfParallelism);
        Assert.Equal(-1, ParallelScheduling.Options(0).MaxDegreeOfParallelism);
        Assert.Equal(3, ParallelScheduling.Options(3).MaxDegreeOfParallelism);
    }
}
