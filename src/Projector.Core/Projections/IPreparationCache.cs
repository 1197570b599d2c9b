using Projector.Core.Data;
using Projector.Core.Neighbors;
using Projector.Core.Projections.Tsne;

namespace Projector.Core.Projections;

/// <summary>
/// Keeps what a <see cref="ProjectionRecipe"/> prepares (the reduced input, its kNN graph, t-SNE's affinities) between
/// runs of one dataset, so a second layout with other options skips the slow parts. Keys come from the
/// recipe; the cache only stores.
/// </summary>
public interface IPreparationCache
{
    /// <summary>The input kept under <paramref name="key"/>, or null.</summary>
    EmbeddingMatrix? FindInput(string key);

    /// <summary>Offers <paramref name="input"/> for keeping; true when the cache now owns it (and disposes it), false when the caller still does.</summary>
    bool KeepInput(string key, EmbeddingMatrix input);

    /// <summary>A graph kept under <paramref name="key"/> with at least <paramref name="k"/> neighbours, or null.</summary>
    KnnGraph? FindGraph(string key, int k);

    /// <summary>Offers <paramref name="graph"/> for keeping.</summary>
    void KeepGraph(string key, KnnGraph graph);

    /// <summary>t-SNE affinities kept under <paramref name="key"/>, or null (a cache that keeps none needs not implement it).</summary>
    TsneAffinities? FindAffinities(string key) => null;

    /// <summary>Offers t-SNE <paramref name="affinities"/> for keeping (dropped unless implemented).</summary>
    void KeepAffinities(string key, TsneAffinities affinities)
    {
    }
}
