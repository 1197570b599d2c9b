using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;
using Projector.Core.Data;

namespace Projector.Core.Projections.Pca;

/// <summary>
/// Principal component analysis on every row: exact (D x D covariance and its symmetric
/// eigen-decomposition) or randomized subspace iteration (Halko et al. 2011) for large D.
/// </summary>
/// <remarks>
/// The covariance is accumulated over a fixed partition of the rows (not one per thread) and reduced in
/// partition order, so the same input gives the same bytes on any machine. Component signs are fixed so
/// that each component's largest-magnitude entry is positive.
/// </remarks>
public static class PrincipalComponents
{
    /// <summary>The largest number of components.</summary>
    public const int MaxComponents = 100;

    private const int Partitions = 16;

    /// <summary>Above this D, the exact solver finds up to D / 4 components by Lanczos (<see cref="LanczosEigen"/>) rather than a full EVD.</summary>
    private const int LanczosFromDimensions = 256;

    /// <summary>Fits a PCA to <paramref name="data"/>.</summary>
    public static PcaResult Fit(EmbeddingMatrix data, PcaOptions? options = null, IProgress<ProjectionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new PcaOptions();
        var d = data.Dimensions;
        var k = options.Components;
        if (k < 1 || k > MaxComponents || k > d)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"Components must be between 1 and {Math.Min(MaxComponents, d)} for {d}-d data; got {k}.");
        }

        if (data.Rows < 2)
        {
            throw new ArgumentException("PCA needs at least 2 points.", nameof(data));
        }

        progress?.Report(new ProjectionProgress("pca", 0, 1));
        var mean = PcaMath.Mean(data, options.Center, options.Sphereize, cancellationToken);
        var randomized = options.Solver == PcaSolver.Randomized || (options.Solver == PcaSolver.Auto && d > 2000);
        var (components, variance, total) = randomized
            ? Randomized(data, mean, options, cancellationToken)
            : Exact(data, mean, options, cancellationToken);
        FixSigns(components, k, d);
        progress?.Report(new ProjectionProgress("pca", 1, 1));
        return new PcaResult(mean, components, k, d, variance, total, options.Sphereize);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (float[] Components, double[] Variance, double Total) Exact(EmbeddingMatrix data, float[] mean, PcaOptions options, CancellationToken ct)
    {
        var d = data.Dimensions;
        var cov = BlockedProducts.Scatter(data, mean, options.Sphereize, null, ct);
        var n1 = data.Rows - 1.0;
        var k = options.Components;
        var components = new float[k * d];
        var variance = new double[k];
        var total = 0.0;
        for (var j = 0; j < d; j++)
        {
            total += cov[(j * d) + j] / n1;
        }

        if (d > LanczosFromDimensions && k <= d / 4)
        {
            // A few components of a wide covariance: Lanczos instead of all D eigenvectors.
            var full = new double[d * d];
            for (var i = 0; i < d; i++)
            {
                for (var j = i; j < d; j++)
                {
                    full[(i * d) + j] = full[(j * d) + i] = cov[(i * d) + j] / n1;
                }
            }

            var (values, vectors) = LanczosEigen.Largest(full, d, k, options.Seed);
            for (var c = 0; c < k; c++)
            {
                variance[c] = Math.Max(0, values[c]);
                for (var j = 0; j < d; j++)
                {
                    components[(c * d) + j] = (float)vectors[c][j];
                }
            }

            return (components, variance, total);
        }

        var matrix = Matrix<double>.Build.Dense(d, d, (i, j) => (i <= j ? cov[(i * d) + j] : cov[(j * d) + i]) / n1);
        var evd = matrix.Evd(Symmetricity.Symmetric);

        // MathNet returns eigenvalues in ascending order.
        for (var c = 0; c < k; c++)
        {
            var col = d - 1 - c;
            variance[c] = Math.Max(0, evd.EigenValues[col].Real);
            for (var j = 0; j < d; j++)
            {
                components[(c * d) + j] = (float)evd.EigenVectors[j, col];
            }
        }

        return (components, variance, total);
    }

    private static (float[] Components, double[] Variance, double Total) Randomized(EmbeddingMatrix data, float[] mean, PcaOptions options, CancellationToken ct)
    {
        var d = data.Dimensions;
        var k = options.Components;
        var l = Math.Min(d, k + 10);
        var rng = new Random(options.Seed);
        var q = Matrix<double>.Build.Dense(d, l, (_, _) => Gaussian(rng));
        q = q.QR().Q.SubMatrix(0, d, 0, l);
        var n1 = data.Rows - 1.0;
        double total = 0;
        for (var iteration = 0; iteration <= 4; iteration++)
        {
            var (z, trace) = CovarianceTimes(data, mean, options.Sphereize, q, ct);
            total = trace / n1;
            if (iteration == 4)
            {
                // Rayleigh-Ritz: the small l x l problem B = Qᵀ C Q gives the components Q V.
                var b = q.TransposeThisAndMultiply(z) / n1;
                b = (b + b.Transpose()) / 2;
                var evd = b.Evd(Symmetricity.Symmetric);
                var vectors = q * evd.EigenVectors;
                var components = new float[k * d];
                var variance = new double[k];
                for (var c = 0; c < k; c++)
                {
                    var col = l - 1 - c;
                    variance[c] = Math.Max(0, evd.EigenValues[col].Real);
                    for (var j = 0; j < d; j++)
                    {
                        components[(c * d) + j] = (float)vectors[j, col];
                    }
                }

                return (components, variance, total);
            }

            q = z.QR().Q.SubMatrix(0, d, 0, l);
        }

        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Z = Σ x (xᵀ Q) over the prepared rows (D x l), and Σ ‖x‖², in one streaming pass.</summary>
    private static (Matrix<double> Z, double Trace) CovarianceTimes(EmbeddingMatrix data, float[] mean, bool sphereize, Matrix<double> q, CancellationToken ct)
    {
        var d = data.Dimensions;
        var l = q.ColumnCount;
        var qT = new float[l][];
        for (var c = 0; c < l; c++)
        {
            qT[c] = [.. q.Column(c).Select(v => (float)v)];
        }

        var acc = Accumulate(data, mean, sphereize, d, ct, (rows, count, sum) =>
        {
            var t = new float[l];
            for (var r = 0; r < count; r++)
            {
                var x = rows.AsSpan(r * d, d);
                for (var c = 0; c < l; c++)
                {
                    t[c] = TensorPrimitives.Dot(x, qT[c]);
                }

                for (var j = 0; j < d; j++)
                {
                    for (var c = 0; c < l; c++)
                    {
                        sum[(j * l) + c] += x[j] * t[c];
                    }
                }

                sum[d * l] += TensorPrimitives.Dot(x, x);
            }
        }, (d * l) + 1);
        return (Matrix<double>.Build.Dense(d, l, (j, c) => acc[(j * l) + c]), acc[d * l]);
    }

    /// <summary>
    /// Runs <paramref name="kernel"/> over blocks of prepared rows in <see cref="Partitions"/> fixed
    /// partitions (in parallel), each with its own double accumulator, and sums them in partition order.
    /// </summary>
    private static double[] Accumulate(EmbeddingMatrix data, float[] mean, bool sphereize, int d, CancellationToken ct, Action<float[], int, double[]> kernel, int size)
    {
        var n = data.Rows;
        var partials = new double[Partitions][];
        Parallel.For(0, Partitions, ParallelScheduling.Options(null, ct), p =>
        {
            var acc = new double[size];
            var start = (int)((long)n * p / Partitions);
            var end = (int)((long)n * (p + 1) / Partitions);
            var rows = new float[PcaMath.BlockRows * d];
            for (var b = start; b < end; b += PcaMath.BlockRows)
            {
                ct.ThrowIfCancellationRequested();
                var count = Math.Min(PcaMath.BlockRows, end - b);
                for (var r = 0; r < count; r++)
                {
                    PcaMath.Prepare(data.Row(b + r), rows.AsSpan(r * d, d), mean, sphereize);
                }

                kernel(rows, count, acc);
            }

            partials[p] = acc;
        });
        var total = new double[size];
        foreach (var p in partials)
        {
            for (var i = 0; i < size; i++)
            {
                total[i] += p[i];
            }
        }

        return total;
    }

    private static void FixSigns(float[] components, int k, int d)
    {
        for (var c = 0; c < k; c++)
        {
            var v = components.AsSpan(c * d, d);
            var largest = TensorPrimitives.IndexOfMaxMagnitude(v);
            if (v[largest] < 0)
            {
                TensorPrimitives.Negate(v, v);
            }
        }
    }

    private static double Gaussian(Random rng)
    {
        // Box-Muller; one value per call keeps the sequence simple to reproduce.
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
