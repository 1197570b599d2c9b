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

    internal PreparedInput(EmbeddingMatrix matrix, bool owned, KnnGraph? graph, int reducedTo)
    {
        Matrix = matrix;
        _owned = owned;
        Graph = graph;
        ReducedTo = reducedTo;
    }

    /// <summary>The rows the projection runs on.</summary>
    public EmbeddingMatrix Matrix { get; }

    /// <summary>Their kNN graph (null for PCA).</summary>
    public KnnGraph? Graph { get; }

    /// <summary>The PCA dimensions the rows were reduced to; 0 when they are the input's own.</summary>
    public int ReducedTo { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_owned)
        {
            Matrix.Dispose();
        }
    }
}
