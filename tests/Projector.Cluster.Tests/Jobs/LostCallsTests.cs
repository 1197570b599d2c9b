using Projector.Cluster.Jobs;

namespace Projector.Cluster.Tests.Jobs;

public sealed class LostCallsTests
{
    private static readonly TimeSpan[] Finished = [TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(12)];

    [Fact]
    public void A_call_in_flight_when_a_silo_was_lost_is_overdue_past_four_times_the_median_shard()
    {
        var started = TimeSpan.FromSeconds(100);
        var lost = TimeSpan.FromSeconds(105);
        Assert.False(LostCalls.Overdue(started, lost, TimeSpan.FromSeconds(39), Finished));
        Assert.True(LostCalls.Overdue(started, lost, TimeSpan.FromSeconds(41), Finished));
    }

    [Fact]
    public void Without_a_loss_after_its_start_or_enough_finished_calls_a_call_is_never_overdue()
    {
        var longRun = TimeSpan.FromMinutes(9);
        Assert.False(LostCalls.Overdue(TimeSpan.FromSeconds(100), null, longRun, Finished));
        // Started after the loss: its placement saw the cluster as it is.
        Assert.False(LostCalls.Overdue(TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(90), longRun, Finished));
        Assert.False(LostCalls.Overdue(TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(105), longRun, Finished[..2]));
    }

    [Fact]
    public void Short_shards_still_get_the_floor()
    {
        TimeSpan[] quick = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];
        Assert.False(LostCalls.Overdue(TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(29), quick));
        Assert.True(LostCalls.Overdue(TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(31), quick));
    }
}
