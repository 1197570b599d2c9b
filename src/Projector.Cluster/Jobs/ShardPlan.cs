using Projector.Cluster.Grains;

namespace Projector.Cluster.Jobs;

/// <summary>How a job's rows are cut into shards and how each shard's placement seed is derived.</summary>
public static class ShardPlan
{
    /// <summary>Rows per shard when none are given.</summary>
    public const int DefaultShardRows = 50_000;

    /// <summary>The shards of <paramref name="rows"/> rows, <paramref name="shardRows"/> each (the last may be shorter).</summary>
    public static IReadOnlyList<ShardTask> Cut(int rows, int shardRows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shardRows);
        var shards = new List<ShardTask>();
        for (int start = 0, index = 0; start < rows; start += shardRows, index++)
        {
            shards.Add(new ShardTask(index, start, Math.Min(shardRows, rows - start)));
        }

        return shards;
    }

    /// <summary>
    /// The seed of shard <paramref name="index"/>'s placement: a SplitMix64 mix of the job's seed and the
    /// index, so a shard is placed the same way on whichever silo computes it, and no two shards share a stream.
    /// </summary>
    public static int SeedFor(int jobSeed, int index)
    {
        var z = ((ulong)(uint)jobSeed << 32) + (ulong)(uint)index + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }
}
