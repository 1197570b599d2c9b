using Projector.Core.Neighbors;
using Projector.Core.Projections;
using Projector.Core.Quality;

namespace Projector.Core.Publishing.StaticSite;

/// <summary>What a static site export precomputes (the page cannot run t-SNE or UMAP itself) and which page it carries.</summary>
public sealed record StaticSiteOptions
{
    /// <summary>The layouts to precompute for every dataset, in this order.</summary>
    public IReadOnlyList<LayoutMethod> Layouts { get; init; } = [LayoutMethod.Tsne, LayoutMethod.Umap, LayoutMethod.Pca];

    /// <summary>
    /// How every layout is made (its <see cref="ProjectionRecipe.Method"/> is set per layout; its seed also
    /// seeds the kNN lists). The defaults are the server's, so the site shows what the server shows.
    /// </summary>
    public ProjectionRecipe Recipe { get; init; } = new();

    /// <summary>The metric of the precomputed kNN lists the page's neighbour panel shows (cosine, as the TF projector's panel).</summary>
    public Metric NeighborMetric { get; init; } = Metric.Cosine;

    /// <summary>Neighbours per point in the precomputed kNN lists (clamped to N − 1); 0 writes none.</summary>
    public int Neighbors { get; init; } = 100;

    /// <summary>How the clusters of every 2-D or 3-D layout are found and named (<c>clusters-{method}.json</c>); null writes none.</summary>
    public ClusterOptions? Clusters { get; init; } = ClusterOptions.Default;

    /// <summary>A folder of page files (the built web page) copied to the site's root; null copies none.</summary>
    public string? PageFolder { get; init; }
}
