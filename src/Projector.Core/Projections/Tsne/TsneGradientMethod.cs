namespace Projector.Core.Projections.Tsne;

/// <summary>How the repulsive (N-body) part of the t-SNE gradient is approximated.</summary>
public enum TsneGradientMethod
{
    /// <summary>
    /// <see cref="Exact"/> up to <see cref="TsneOptions.ExactThreshold"/> points; then FFT for 2-D layouts of at least
    /// <see cref="TsneOptions.FftThreshold"/> points; Barnes-Hut otherwise (always in 3-D).
    /// </summary>
    Auto,

    /// <summary>FFT-accelerated interpolation on an equispaced grid (Linderman et al. 2019); 2-D only.</summary>
    Fft,

    /// <summary>Barnes-Hut space-partitioning tree (van der Maaten 2014); 2-D or 3-D.</summary>
    BarnesHut,

    /// <summary>The exact O(N²) sum: for small N, and as the reference the approximations are tested against.</summary>
    Exact,
}
