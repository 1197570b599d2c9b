namespace Projector.Core.Projections.Tsne;

/// <summary>How the repulsive (N-body) part of the t-SNE gradient is approximated.</summary>
public enum TsneGradientMethod
{
    /// <summary>
    /// <see cref="Exact"/> up to <see cref="TsneOptions.ExactThreshold"/> points; Barnes-Hut in 3-D; in 2-D, every
    /// iteration the cheaper of FFT and Barnes-Hut by a cost model measured on the bench (FFT while the
    /// layout is compact or N is large, Barnes-Hut when the FFT grid would be large relative to N).
    /// </summary>
    Auto,

    /// <summary>FFT-accelerated interpolation on an equispaced grid (Linderman et al. 2019); 2-D only.</summary>
    Fft,

    /// <summary>Barnes-Hut space-partitioning tree (van der Maaten 2014), walked once per group of nearby points; 2-D or 3-D.</summary>
    BarnesHut,

    /// <summary>The exact O(N²) sum: for small N, and as the reference the approximations are tested against.</summary>
    Exact,
}
