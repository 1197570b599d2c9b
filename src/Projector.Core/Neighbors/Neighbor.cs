namespace Projector.Core.Neighbors;

/// <summary>One neighbour of a point or query: its row and its true distance under the metric used.</summary>
/// <param name="Index">Row index of the neighbour.</param>
/// <param name="Distance">Distance to it (Euclidean distance, not squared; or cosine distance).</param>
public readonly record struct Neighbor(int Index, float Distance);
