namespace Projector.Core.Projections.Tsne;

/// <summary>The N-body half of the t-SNE gradient.</summary>
internal interface IRepulsiveForces
{
    /// <summary>
    /// The part of the next <see cref="Compute"/> that depends on <paramref name="y"/> alone and runs on the
    /// calling thread (Barnes-Hut's tree), so that a caller can run it beside other work: the attraction
    /// does not need the repulsion, and fills the other threads meanwhile. <see cref="Compute"/> must then be
    /// called with the same, unchanged <paramref name="y"/>; without a call to this it does this work itself.
    /// </summary>
    void Prepare(double[] y)
    {
    }

    /// <summary>
    /// Fills <paramref name="force"/> (N x dims) with Σ_{j≠i} w_ij^((α+1)/α) (y_i − y_j) and returns
    /// Z = Σ_{i≠j} w_ij, both with this method's approximation. The result is a function of
    /// <paramref name="y"/> only (no dependence on thread scheduling).
    /// </summary>
    double Compute(double[] y, double[] force);
}
