namespace Projector.Core.Projections.Umap;

/// <summary>
/// A label per point for supervised UMAP: edges between different labels are weakened by e^−far,
/// edges touching an unknown (null or empty) label by e^−1, as umap-learn's categorical target.
/// </summary>
/// <param name="Labels">One label per point; null or empty means unknown.</param>
public sealed record UmapSupervision(IReadOnlyList<string?> Labels)
{
    /// <summary>
    /// How much the labels count, 0 to 1: the penalty distance for different labels is
    /// 2.5 / (1 − weight) (5.0 at the default 0.5), effectively infinite at 1.
    /// </summary>
    public double TargetWeight { get; init; } = 0.5;

    /// <summary>The distance assigned to an edge whose labels differ.</summary>
    internal double FarDistance => TargetWeight < 1.0 ? 2.5 / (1.0 - TargetWeight) : 1e12;
}
