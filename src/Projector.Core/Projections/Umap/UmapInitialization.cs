namespace Projector.Core.Projections.Umap;

/// <summary>How a UMAP layout starts.</summary>
public enum UmapInitialization
{
    /// <summary>
    /// The smallest non-trivial eigenvectors of the graph's normalized Laplacian (umap-learn's default).
    /// Above <see cref="UmapOptions.SpectralLimit"/> points PCA is used instead, because the eigensolver
    /// takes longer than the whole optimization there.
    /// </summary>
    Spectral,

    /// <summary>The first principal components of the input.</summary>
    Pca,

    /// <summary>Uniform in [−10, 10] per coordinate.</summary>
    Random,

    /// <summary>The caller's coordinates (<see cref="UmapOptions.InitialLayout"/>), as a run that had them reports it; chosen without them, the start is random.</summary>
    Given,
}
