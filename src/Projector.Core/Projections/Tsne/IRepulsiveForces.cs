namespace Projector.Core.Projections.Tsne;

/// <summary>The N-body half of the t-SNE gradient.</summary>
internal interface IRepulsiveForces
{
    /// <summary>
    /// Fills <paramref name="force"/> (N x dims) with Σ_{j≠i} w_ij^((α+1)/α) (y_i − y_j) and returns
    /// Z = Σ_{i≠j} w_ij, both with this method's approximation. The result is a function of
    /// <paramref name="y"/> only (no dependence on thread scheduling).
    /// </summary>
    double Compute(double[] y, double[] force);
}
