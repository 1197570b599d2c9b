namespace Projector.Server.Contracts;

/// <summary>The clusters of a finished layout, as <c>GET /api/projections/{id}/clusters</c> gives them.</summary>
/// <param name="Job">The projection job.</param>
/// <param name="Points">Points in the layout.</param>
/// <param name="Dimensions">Layout dimensions clustered (2 or 3).</param>
/// <param name="MinClusterSize">The smallest cluster allowed.</param>
/// <param name="MinSamples">Neighbours of a point's core distance.</param>
/// <param name="Noise">Points in no cluster.</param>
/// <param name="Clusters">The clusters, largest first; the id of each point is at <c>/clusters/points</c>.</param>
public sealed record ClustersAnswer(string Job, int Points, int Dimensions, int MinClusterSize, int MinSamples, int Noise, IReadOnlyList<ClusterItem> Clusters);

/// <summary>One cluster of a layout.</summary>
/// <param name="Id">Its id in the per-point array.</param>
/// <param name="Size">Points in it.</param>
/// <param name="Medoid">The member where its label goes.</param>
/// <param name="Center">The medoid's layout position.</param>
/// <param name="Label">Its name, e.g. <c>7 (94%)</c>; empty when no metadata tells it apart.</param>
/// <param name="Terms">What each metadata column says of it, most telling first.</param>
public sealed record ClusterItem(int Id, int Size, int Medoid, IReadOnlyList<float> Center, string Label, IReadOnlyList<ClusterTermItem> Terms);

/// <summary>What a metadata column says of a cluster.</summary>
/// <param name="Column">The column.</param>
/// <param name="Text">Its value, words or range in the cluster.</param>
/// <param name="Score">0 to 1: how much the cluster stands out by it.</param>
public sealed record ClusterTermItem(string Column, string Text, double Score);

/// <summary>How well a finished layout keeps its input's neighbourhoods (k = 10), as <c>projector project --quality</c> reports it.</summary>
/// <param name="Job">The projection job.</param>
/// <param name="Points">Points in the layout.</param>
/// <param name="KnnPreservation">Mean share of each point's input neighbours kept in the layout.</param>
/// <param name="Trustworthiness">Venna and Kaski's trustworthiness.</param>
/// <param name="LabelAccuracy">Leave-one-out 10-NN accuracy of the <c>labels</c> column in the layout; null without it.</param>
/// <param name="SampleSize">Points the figures were computed on: all, or a seeded sample above 20,000.</param>
/// <param name="K">Neighbours per point.</param>
/// <param name="PointsExact">True when the per-point array (<c>/quality/points</c>) comes from exact search; false from the approximate kNN graph.</param>
/// <param name="InputRecall">That graph's estimated recall; null when exact.</param>
public sealed record QualityAnswer(string Job, int Points, double KnnPreservation, double Trustworthiness, double? LabelAccuracy, int SampleSize, int K, bool PointsExact, double? InputRecall);
