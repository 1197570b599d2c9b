using Projector.Core.Data;

namespace Projector.Core.Projections.Pca;

/// <summary>A fitted PCA: mean, components (unit vectors, largest variance first) and explained variance.</summary>
public sealed class PcaResult
{
    internal PcaResult(float[] mean, float[] components, int count, int dimensions, double[] variance, double totalVariance, bool sphereize)
    {
        Mean = mean;
        Components = components;
        Count = count;
        Dimensions = dimensions;
        ExplainedVariance = variance;
        ExplainedVarianceRatio = [.. variance.Select(v => totalVariance > 0 ? v / totalVariance : 0)];
        Sphereize = sphereize;
    }

    /// <summary>Column means subtracted before projecting (zeros when not centring).</summary>
    public float[] Mean { get; }

    /// <summary>The components, <see cref="Count"/> x <see cref="Dimensions"/>, row-major.</summary>
    public float[] Components { get; }

    /// <summary>Number of components.</summary>
    public int Count { get; }

    /// <summary>Input dimensions.</summary>
    public int Dimensions { get; }

    /// <summary>Variance along each component (eigenvalue of the covariance, N − 1 in the denominator).</summary>
    public double[] ExplainedVariance { get; }

    /// <summary>Fraction of the total variance along each component.</summary>
    public double[] ExplainedVarianceRatio { get; }

    /// <summary>Whether rows were scaled to unit length before centring.</summary>
    public bool Sphereize { get; }

    /// <summary>Component <paramref name="c"/> as a D-vector.</summary>
    public ReadOnlySpan<float> Component(int c) => Components.AsSpan(c * Dimensions, Dimensions);

    /// <summary>Projects every row of <paramref name="data"/> onto the components: an N x <see cref="Count"/> matrix.</summary>
    public EmbeddingMatrix Transform(EmbeddingMatrix data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Dimensions != Dimensions)
        {
            throw new ArgumentException($"The PCA was fitted on {Dimensions}-d data; this matrix is {data.Dimensions}-d.", nameof(data));
        }

        return BlockedProducts.Project(data, Mean, Sphereize, Components, Count, cancellationToken);
    }
}
