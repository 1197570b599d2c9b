using Projector.Server.Work;

namespace Projector.Server.Tests.Work;

public sealed class WorkPoolTests
{
    [Fact]
    public async Task Work_runs_on_the_pools_own_threads_not_the_thread_pool()
    {
        using var pool = new WorkPool(2, 4, TimeSpan.FromSeconds(1));
        var (name, isPoolThread) = await pool.RunAsync(_ => (Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread), TestContext.Current.CancellationToken);
        Assert.StartsWith("projector-work-", name, StringComparison.Ordinal);
        Assert.False(isPoolThread);
    }

    [Fact]
    public async Task On_linux_the_workers_run_below_the_priority_of_the_threads_that_answer_requests()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Thread nice values are Linux's.");
        using var pool = new WorkPool(1, 1, TimeSpan.FromSeconds(1));
        var requests = BackgroundPriority.Current()!.Value;
        var workers = await pool.RunAsync(_ => BackgroundPriority.Current()!.Value, TestContext.Current.CancellationToken);
        Assert.Equal(Math.Max(requests, BackgroundPriority.Work), workers);
    }

    [Fact]
    public async Task A_full_queue_refuses_at_once_with_the_wait_to_ask_for()
    {
        using var gate = new ManualResetEventSlim();
        using var pool = new WorkPool(1, 2, TimeSpan.FromSeconds(3));
        var running = new TaskCompletionSource();
        var first = pool.RunAsync(_ => { running.SetResult(); gate.Wait(TestContext.Current.CancellationToken); return 1; }, TestContext.Current.CancellationToken);
        await running.Task;
        var queued = new[] { pool.RunAsync(_ => 2, TestContext.Current.CancellationToken), pool.RunAsync(_ => 3, TestContext.Current.CancellationToken) };
        Assert.Equal(1, pool.Running);
        Assert.Equal(2, pool.Queued);

        var busy = Assert.Throws<ServerBusyException>(() => { _ = pool.RunAsync(_ => 4, TestContext.Current.CancellationToken); });
        Assert.Equal(TimeSpan.FromSeconds(3), busy.RetryAfter);
        Assert.Contains("retry in 3 s", busy.Message, StringComparison.Ordinal);

        gate.Set();
        var results = await Task.WhenAll([first, .. queued]);
        Assert.Equal([1, 2, 3], results);
        Assert.Equal(5, await pool.RunAsync(_ => 5, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_caller_that_goes_away_stops_waiting_and_its_queued_work_never_runs()
    {
        using var gate = new ManualResetEventSlim();
        using var pool = new WorkPool(1, 4, TimeSpan.FromSeconds(1));
        var blocker = pool.RunAsync(_ => gate.Wait(TimeSpan.FromMinutes(1)), TestContext.Current.CancellationToken);
        using var caller = new CancellationTokenSource();
        var ran = false;
        var abandoned = pool.RunAsync(_ => ran = true, caller.Token);
        await caller.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);

        gate.Set();
        await blocker;
        Assert.Equal(7, await pool.RunAsync(_ => 7, TestContext.Current.CancellationToken));
        Assert.False(ran);
    }

    [Fact]
    public async Task A_failure_reaches_the_caller_and_the_worker_goes_on()
    {
        using var pool = new WorkPool(1, 1, TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<ApiProblem>(() => pool.RunAsync<int>(_ => throw ApiProblem.BadRequest("no."), TestContext.Current.CancellationToken));
        Assert.Equal(1, await pool.RunAsync(_ => 1, TestContext.Current.CancellationToken));
    }
}
