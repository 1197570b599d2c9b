using System.Runtime.CompilerServices;

namespace Projector.Core.Projections.Tsne;

/// <summary>
/// The output-space kernel of t-SNE with α degrees of freedom, w(r²) = (1 + r²/α)^−α (the Cauchy kernel
/// 1/(1 + r²) when α = 1), and the two functions of it the gradient needs.
/// </summary>
/// <remarks>
/// With q_ij = w_ij / Z, ∂KL/∂y_i = 4 Σ_j (p_ij − q_ij) w_ij^(1/α) (y_i − y_j): the attraction uses
/// w^(1/α) = 1/(1 + r²/α) and the repulsion w · w^(1/α) = (1 + r²/α)^−(α+1). Kobak et al. 2019 (heavy tails),
/// as in FIt-SNE's df parameter.
/// </remarks>
internal readonly struct TsneKernel(double alpha)
{
    /// <summary>α.</summary>
    public double Alpha { get; } = alpha;

    private bool IsCauchy => Alpha == 1.0;

    /// <summary>w(r²) = (1 + r²/α)^−α, whose sum over pairs is Z.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Similarity(double r2) => IsCauchy ? 1.0 / (1.0 + r2) : Math.Pow(1.0 + (r2 / Alpha), -Alpha);

    /// <summary>w^(1/α) = 1/(1 + r²/α), the factor on p_ij (y_i − y_j) in the attraction.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Attraction(double r2) => 1.0 / (1.0 + (r2 / Alpha));

    /// <summary>Both <see cref="Similarity"/> and <see cref="Repulsion"/> with one division in the Cauchy case (the Barnes-Hut inner loop).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (double Similarity, double Repulsion) SimilarityAndRepulsion(double r2)
    {
        if (IsCauchy)
        {
            var q = 1.0 / (1.0 + r2);
            return (q, q * q);
        }

        var w = Math.Pow(1.0 + (r2 / Alpha), -Alpha);
        return (w, w * Attraction(r2));
    }

    /// <summary>w^((α+1)/α) = (1 + r²/α)^−(α+1), the factor on (y_i − y_j) / Z in the repulsion.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Repulsion(double r2)
    {
        if (IsCauchy)
        {
            var q = 1.0 / (1.0 + r2);
            return q * q;
        }

        return Math.Pow(1.0 + (r2 / Alpha), -(Alpha + 1));
    }
}
