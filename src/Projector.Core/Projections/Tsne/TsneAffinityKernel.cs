namespace Projector.Core.Projections.Tsne;

/// <summary>How the input-space affinities P(j|i) are spread over a point's k nearest neighbours.</summary>
public enum TsneAffinityKernel
{
    /// <summary>Gaussian, its width calibrated per point to the perplexity, over k = 3 · perplexity neighbours (van der Maaten 2014).</summary>
    Gaussian,

    /// <summary>
    /// 1 / k for each of the k nearest neighbours (k = 15 unless given), as openTSNE's <c>Uniform</c> affinities:
    /// Kobak and Berens (2019) show layouts alike to perplexity 30's at a sixth of the neighbours, so the kNN
    /// graph and every iteration's attraction cost a fraction as much for large inputs.
    /// </summary>
    Uniform,
}
