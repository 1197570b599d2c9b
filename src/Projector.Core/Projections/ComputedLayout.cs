namespace Projector.Core.Projections;

/// <summary>A finished layout and the recipe's resolved choices.</summary>
/// <param name="Method">The projection.</param>
/// <param name="Positions">N x <paramref name="Dimensions"/> float32, row-major.</param>
/// <param name="Points">N.</param>
/// <param name="Dimensions">Columns per point (PCA: the components computed).</param>
/// <param name="Options">The resolved choices by the HTTP API's names (see <see cref="ProjectionRecipe.Describe"/>).</param>
/// <param name="ExplainedVariance">PCA's ratio of the variance along each component; null for t-SNE and UMAP.</param>
/// <param name="Warnings">What the method changed of the choices (e.g. a perplexity too large for the points).</param>
/// <param name="Cost">t-SNE's final KL divergence, when computed.</param>
public sealed record ComputedLayout(LayoutMethod Method, float[] Positions, int Points, int Dimensions, IReadOnlyList<KeyValuePair<string, object?>> Options, double[]? ExplainedVariance, IReadOnlyList<string> Warnings, double? Cost = null)
{
    /// <summary>The first <paramref name="dimensions"/> columns of every row (e.g. 2 of PCA's 10 components).</summary>
    public float[] FirstColumns(int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        if (dimensions >= Dimensions)
        {
            return Positions;
        }

        var result = new float[Points * dimensions];
        for (var i = 0; i < Points; i++)
        {
            Positions.AsSpan(i * Dimensions, dimensions).CopyTo(result.AsSpan(i * dimensions));
        }

        return result;
    }
}
