namespace Projector.Core.Quality;

/// <summary>One cluster: its size, where to write its name, and the name.</summary>
/// <param name="Id">The cluster's id, as in <see cref="ClusterResult.Assignments"/>.</param>
/// <param name="Size">Points in the cluster.</param>
/// <param name="Medoid">The member nearest to the cluster's coordinate-wise median: a point inside the cluster, even a curved one.</param>
/// <param name="Center">The medoid's layout coordinates (2 or 3 values), where a label goes.</param>
/// <param name="Label">A short name, e.g. <c>7 (94%)</c>; empty when no metadata tells the cluster apart.</param>
/// <param name="Terms">What each metadata column says of the cluster, most telling first.</param>
public sealed record ClusterSummary(int Id, int Size, int Medoid, IReadOnlyList<float> Center, string Label, IReadOnlyList<ClusterTerm> Terms);
