namespace Projector.Core.Projections.Layouts;

/// <summary>A finished layout and the options it was computed with.</summary>
/// <param name="Method">The projection.</param>
/// <param name="Positions">N x <paramref name="Dimensions"/> float32, row-major.</param>
/// <param name="Points">N.</param>
/// <param name="Dimensions">Columns per point (PCA: the components kept).</param>
/// <param name="Options">The method's options by the HTTP API's names (e.g. perplexity, minDist), for display and caching.</param>
/// <param name="ExplainedVariance">PCA's ratio of the variance along each component; null for t-SNE and UMAP.</param>
public sealed record ComputedLayout(LayoutMethod Method, float[] Positions, int Points, int Dimensions, IReadOnlyList<KeyValuePair<string, object?>> Options, double[]? ExplainedVariance);
