using Projector.Cluster.Grains;

namespace Projector.Cluster.Jobs;

/// <summary>A finished job: every shard's tile pieces are in the job's folder; how the work went.</summary>
/// <param name="Shards">The shards, in row order (their files: <c>ShardPieces.FileName</c>).</param>
/// <param name="Sample">The sample and its layout.</param>
/// <param name="ShardsPerSilo">Shards each silo finished (retried ones counted where they finished).</param>
/// <param name="PlacedPerSilo">Rows each silo placed into the sample's map.</param>
/// <param name="Retries">Calls sent again after a failure, a timeout or a lost silo.</param>
/// <param name="SampleTime">Time to lay out the sample.</param>
/// <param name="PlaceTime">Time to place every shard.</param>
public sealed record ClusterJobResult(IReadOnlyList<ShardTask> Shards, SampleModel Sample, IReadOnlyDictionary<string, int> ShardsPerSilo, IReadOnlyDictionary<string, long> PlacedPerSilo, int Retries, TimeSpan SampleTime, TimeSpan PlaceTime);
