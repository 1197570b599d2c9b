namespace Projector.Core.Projections.Pca;

/// <summary>Options of <see cref="PrincipalComponents"/>.</summary>
public sealed record PcaOptions
{
    /// <summary>Number of components, 1 to 100 (and at most D).</summary>
    public int Components { get; init; } = 2;

    /// <summary>Subtract the column means first (on by default, as every PCA should).</summary>
    public bool Center { get; init; } = true;

    /// <summary>Scale every row to unit length before anything else (the TF projector's silent "sphereize"; here explicit).</summary>
    public bool Sphereize { get; init; }

    /// <summary>Exact (covariance eigen-decomposition), randomized SVD, or chosen by size.</summary>
    public PcaSolver Solver { get; init; } = PcaSolver.Auto;

    /// <summary>Seed of the randomized solver.</summary>
    public int Seed { get; init; } = 42;
}

/// <summary>How principal components are computed.</summary>
public enum PcaSolver
{
    /// <summary>Exact for D up to 2,000, randomized above.</summary>
    Auto,

    /// <summary>D x D covariance, symmetric eigen-decomposition.</summary>
    Exact,

    /// <summary>Randomized SVD (Halko et al. 2011): oversampling 10, 4 power iterations.</summary>
    Randomized,
}
