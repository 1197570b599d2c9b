namespace Projector.Server.Contracts;

/// <summary>The answer of <c>GET /api/datasets/{id}/neighbors</c>.</summary>
/// <param name="Point">The point asked about, or the row a metadata query matched; null for a vector.</param>
/// <param name="Metric">cosine or euclidean.</param>
/// <param name="Neighbors">Nearest first.</param>
public sealed record NeighborsAnswer(int? Point, string Metric, IReadOnlyList<NeighborItem> Neighbors);

/// <summary>One neighbour.</summary>
/// <param name="Index">Its row.</param>
/// <param name="Distance">Its distance under the metric.</param>
public sealed record NeighborItem(int Index, float Distance);
