namespace Projector.Core.Projections.Tsne;

/// <summary>How the t-SNE layout starts.</summary>
public enum TsneInitialization
{
    /// <summary>The first principal components of the input, rescaled so the first has standard deviation 1e-4 (Kobak and Berens 2019).</summary>
    Pca,

    /// <summary>Independent Gaussian coordinates with standard deviation 1e-4, from the seed.</summary>
    Random,
}
