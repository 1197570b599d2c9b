namespace Projector.Cluster.Grains;

/// <summary>One shard of a job: the input rows <see cref="Start"/> to <see cref="Start"/> + <see cref="Count"/> − 1.</summary>
/// <param name="Index">The shard's number; its placement seed derives from it.</param>
/// <param name="Start">First row.</param>
/// <param name="Count">Rows.</param>
[GenerateSerializer]
[Immutable]
public sealed record ShardTask([property: Id(0)] int Index, [property: Id(1)] int Start, [property: Id(2)] int Count);
