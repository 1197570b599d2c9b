namespace Projector.Core.Projections.Layouts;

/// <summary>The projections <see cref="LayoutComputation"/> can compute.</summary>
public enum LayoutMethod
{
    /// <summary>Principal components.</summary>
    Pca,

    /// <summary>t-SNE.</summary>
    Tsne,

    /// <summary>UMAP.</summary>
    Umap,
}
