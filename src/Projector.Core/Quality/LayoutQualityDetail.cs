namespace Projector.Core.Quality;

/// <summary>A layout's quality figures with each point's share of its neighbourhood kept.</summary>
/// <param name="Summary">The figures, exactly as <see cref="LayoutQuality.Measure"/> gives them.</param>
/// <param name="NeighborhoodKept">Per point, the fraction (0 to 1) of its k nearest input-space neighbours that are among its k nearest in the layout.</param>
/// <param name="K">The neighbours per point.</param>
/// <param name="Exact">True when the per-point input neighbours come from exact search; false when from the approximate kNN graph.</param>
/// <param name="InputRecall">The approximate graph's estimated recall@k against exact search; null when exact.</param>
public sealed record LayoutQualityDetail(QualityReport Summary, float[] NeighborhoodKept, int K, bool Exact, double? InputRecall);
