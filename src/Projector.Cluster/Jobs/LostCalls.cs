namespace Projector.Cluster.Jobs;

/// <summary>
/// Which calls to send again after a silo is lost, besides those it was running. A call to a live silo
/// that was in flight when another silo died can go unanswered for good: the fresh activation's grain
/// directory entry may still be looked up on the dead silo. Such a call would wait out the whole call
/// timeout (ten minutes by default). Results are deterministic and a shard's file replaces an earlier
/// attempt's whole, so sending it again costs only the work, and the first answer wins.
/// </summary>
internal static class LostCalls
{
    /// <summary>The least a call is given after a loss, whatever the shards' durations.</summary>
    public static readonly TimeSpan Floor = TimeSpan.FromSeconds(30);

    /// <summary>How many calls must have finished before their durations are trusted as a scale.</summary>
    public const int Known = 3;

    /// <summary>
    /// True when a call that started at <paramref name="startedAt"/> (on the job's clock), before the last
    /// loss of a silo at <paramref name="lostAt"/>, has run <paramref name="elapsed"/>: more than four times
    /// the median of the calls that finished (<paramref name="finished"/>, at least <see cref="Known"/> of
    /// them) and more than <see cref="Floor"/>.
    /// </summary>
    public static bool Overdue(TimeSpan startedAt, TimeSpan? lostAt, TimeSpan elapsed, IReadOnlyList<TimeSpan> finished)
    {
        ArgumentNullException.ThrowIfNull(finished);
        if (lostAt is not { } lost || lost < startedAt || finished.Count < Known)
        {
            return false;
        }

        var sorted = finished.Order().ToList();
        var median = sorted[sorted.Count / 2];
        return elapsed > Floor && elapsed > 4 * median;
    }
}
