namespace Projector.Core.Neighbors;

/// <summary>How distance between two vectors is measured.</summary>
public enum Metric
{
    /// <summary>Euclidean (L2) distance, ‖x − y‖.</summary>
    Euclidean,

    /// <summary>Cosine distance, 1 − x·y / (‖x‖ ‖y‖); 0 for parallel vectors, 2 for opposite ones. A zero vector is at distance 1 from everything.</summary>
    Cosine,
}
