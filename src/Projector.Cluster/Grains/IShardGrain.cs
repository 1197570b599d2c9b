namespace Projector.Cluster.Grains;

/// <summary>Places one shard of a job into the job's sample map (one activation per shard and attempt).</summary>
public interface IShardGrain : IGrainWithStringKey
{
    /// <summary>The shard's positions; reads its rows from the silo's shared folder.</summary>
    [ResponseTimeout("1.00:00:00")]
    Task<ShardResult> Place(ClusterJob job, ShardTask shard);
}
