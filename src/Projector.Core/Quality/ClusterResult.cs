namespace Projector.Core.Quality;

/// <summary>The clusters of a layout: one cluster id per point and a named summary of each cluster.</summary>
/// <param name="Assignments">The cluster of each point, 0 to <c>Clusters.Count − 1</c>, or −1 for noise.</param>
/// <param name="Clusters">The clusters, largest first (their ids are their positions in this list).</param>
/// <param name="MinClusterSize">The minimum cluster size that was used.</param>
/// <param name="MinSamples">The core-distance neighbour count that was used.</param>
public sealed record ClusterResult(int[] Assignments, IReadOnlyList<ClusterSummary> Clusters, int MinClusterSize, int MinSamples)
{
    /// <summary>Points that belong to no cluster.</summary>
    public int Noise => Assignments.Count(a => a < 0);
}
