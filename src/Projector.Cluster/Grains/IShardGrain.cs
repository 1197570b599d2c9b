namespace Projector.Cluster.Grains;

/// <summary>Places one shard of a job into the job's sample map (one activation per shard and attempt).</summary>
public interface IShardGrain : IGrainWithStringKey
{
    /// <summary>
    /// Places the shard (its rows read from the silo's shared folder) and writes its points, cut into the job's
    /// tiles, to the job's folder there. Cancelling <paramref name="cancellationToken"/> stops the work on the
    /// silo (Orleans carries the cancellation to the running call); a stopped shard leaves no file.
    /// </summary>
    [ResponseTimeout("1.00:00:00")]
    Task<ShardResult> Place(ClusterJob job, ShardTask shard, CancellationToken cancellationToken = default);
}
