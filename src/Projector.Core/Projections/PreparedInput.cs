using Projector.Core.Data;
using Projector.Core.Neighbors;
using Projector.Core.Projections.Tsne;

namespace Projector.Core.Projections;

/// <summary>
/// What t-SNE or UMAP starts from, as a <see cref="ProjectionRecipe"/> prepared it: the rows chosen,
/// reduced by PCA when wider, their kNN graph and, with a cache, t-SNE's affinities. Disposing frees the reduced rows unless the input or a
/// cache owns them.
/// </summary>
public sealed class PreparedInput : IDisposable
{
    private readonly bool _owned;

    internal PreparedInput(EmbeddingMatrix matrix, bool owned, KnnGraph? graph, TsneAffinities? affinities = null)
    {
        Matrix = matrix;
        _owned = owned;
        Graph = graph;
        Affinities = affinities;
    }

    /// <summary>The rows the projection runs on.</summary>
    public EmbeddingMatrix Matrix { get; }

    /// <summary>Their kNN graph (null for PCA).</summary>
    public KnnGraph? Graph { get; }

    /// <summary>t-SNE's affinities over <see cref="Graph"/>, when the preparation had a cache to keep them in; null otherwise.</summary>
    public TsneAffinities? Affinities { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_owned)
        {
            Matrix.Dispose();
        }
    }
}
