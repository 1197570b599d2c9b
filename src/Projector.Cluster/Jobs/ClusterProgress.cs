namespace Projector.Cluster.Jobs;

/// <summary>How far a job has come, reported after each step and each shard.</summary>
/// <param name="Message">What happened, one line (a shard placed, a silo lost, a shard sent elsewhere).</param>
/// <param name="ShardsDone">Shards finished.</param>
/// <param name="Shards">Shards in all.</param>
/// <param name="PointsDone">Rows of the finished shards.</param>
/// <param name="Points">Rows in all.</param>
public sealed record ClusterProgress(string Message, int ShardsDone, int Shards, long PointsDone, long Points);
