namespace Projector.Core.Projections;

/// <summary>The projections a <see cref="ProjectionRecipe"/> computes.</summary>
public enum LayoutMethod
{
    /// <summary>Principal components.</summary>
    Pca,

    /// <summary>t-SNE.</summary>
    Tsne,

    /// <summary>UMAP.</summary>
    Umap,
}
