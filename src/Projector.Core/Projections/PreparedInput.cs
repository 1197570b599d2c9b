using Projector.Core.Data;
using Projector.Core.Neighbors;

namespace Projector.Core.Projections;

/// <summary>
/// What t-SNE or UMAP starts from, as a <see cref="ProjectionRecipe"/> prepared it: the rows chosen,
/// reduced by PCA when wider, and their kNN graph. Disposing frees the reduced rows unless the input or a
/// cache owns them.
/// </summary>
public sealed class PreparedInput : IDisposable
{
    private readonly bool _owned;

    internal PreparedInput(EmbeddingMatrix matrix, bool owned, KnnGraph? graph)
    {
        Matrix = matrix;
        _owned = owned;
        Graph = graph;
    }

    /// <summary>The rows the projection runs on.</summary>
    public EmbeddingMatrix Matrix { get; }

    /// <summary>Their kNN graph (null for PCA).</summary>
    public KnnGraph? Graph { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_owned)
        {
            Matrix.Dispose();
        }
    }
}
