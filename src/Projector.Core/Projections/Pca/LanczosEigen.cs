using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Projector.Core.Projections.Pca;

/// <summary>
/// The k largest eigenpairs of a symmetric D x D matrix by Lanczos with full reorthogonalisation: the
/// Krylov basis grows until every wanted Ritz pair's residual ‖A u − θ u‖ is below 1e-10 of the largest
/// eigenvalue (machine precision for the float32 components it feeds), or until the basis spans the
/// whole space, where the result is the full decomposition.
/// </summary>
/// <remarks>
/// Hand-written because MathNet.Numerics' managed symmetric EVD computes all D eigenvectors: 1.2 s for
/// D = 784 on the reference machine, where PCA to 50 components before t-SNE needs 50. Lanczos needs a
/// few hundred matrix-vector products (SIMD dot products) and a small tridiagonal EVD, tens of
/// milliseconds. Full reorthogonalisation (two Gram-Schmidt passes per step) keeps the basis orthogonal
/// to rounding, so no spurious copies of converged eigenvalues appear.
/// </remarks>
internal static class LanczosEigen
{
    private const double Tolerance = 1e-10;

    private const int MatrixRowsPerTask = 64;

    /// <summary>
    /// Eigenvalues (descending) and eigenvectors (row c of the result is the c-th vector) of the
    /// symmetric <paramref name="a"/> (row-major D x D).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double[] Values, double[][] Vectors) Largest(double[] a, int d, int k, int seed)
    {
        var basis = new List<double[]>();
        var alpha = new List<double>();
        var beta = new List<double>();
        var rng = new Random(seed);
        var v = new double[d];
        for (var j = 0; j < d; j++)
        {
            v[j] = rng.NextDouble() - 0.5;
        }

        TensorPrimitives.Divide(v, TensorPrimitives.Norm<double>(v), v);
        var scale = 0.0;
        var w = new double[d];
        var step = Math.Min(d, Math.Max(2 * k, k + 40));
        while (true)
        {
            while (basis.Count < step)
            {
                basis.Add(v);
                // The D x D matrix (4.9 MB for D = 784) is read once a step: both cores share the reading.
                var current = v;
                Parallel.For(0, (d + MatrixRowsPerTask - 1) / MatrixRowsPerTask, chunk => Multiply(a, d, current, w, chunk));

                alpha.Add(TensorPrimitives.Dot<double>(w, v));
                scale = Math.Max(scale, Math.Abs(alpha[^1]));
                for (var pass = 0; pass < 2; pass++)
                {
                    foreach (var b in basis)
                    {
                        var c = TensorPrimitives.Dot<double>(w, b);
                        TensorPrimitives.MultiplyAdd(b, -c, w, w);
                    }
                }

                var norm = TensorPrimitives.Norm<double>(w);
                if (basis.Count == d)
                {
                    break;
                }

                if (norm <= 1e-12 * Math.Max(scale, double.Epsilon))
                {
                    // The Krylov space is invariant: continue from a random direction orthogonal to it
                    // (its coupling to the basis is zero, so T splits into blocks).
                    beta.Add(0);
                    v = Orthogonal(basis, d, rng);
                    continue;
                }

                beta.Add(norm);
                v = new double[d];
                TensorPrimitives.Divide(w, norm, v);
            }

            var m = basis.Count;
            var (eigenValues, eigenVectors) = TridiagonalEigen.Solve(alpha.ToArray(), beta.Take(m - 1).ToArray());
            var lastBeta = m < d && beta.Count >= m ? beta[m - 1] : 0;
            var largest = Math.Abs(eigenValues[m - 1]);
            // A zero coupling at the end means an invariant subspace, which may not hold the largest pairs yet.
            var converged = m == d;
            if (!converged && lastBeta != 0)
            {
                converged = true;
                for (var c = 0; c < Math.Min(k, m); c++)
                {
                    var col = m - 1 - c;
                    if (Math.Abs(lastBeta * eigenVectors[col][m - 1]) > Tolerance * Math.Max(largest, double.Epsilon))
                    {
                        converged = false;
                        break;
                    }
                }
            }

            if (converged && m >= k)
            {
                var values = new double[k];
                var vectors = new double[k][];
                for (var c = 0; c < k; c++)
                {
                    var col = m - 1 - c;
                    values[c] = eigenValues[col];
                    var u = new double[d];
                    for (var i = 0; i < m; i++)
                    {
                        TensorPrimitives.MultiplyAdd(basis[i], eigenVectors[col][i], u, u);
                    }

                    TensorPrimitives.Divide(u, TensorPrimitives.Norm<double>(u), u);
                    vectors[c] = u;
                }

                return (values, vectors);
            }

            step = Math.Min(d, step + Math.Max(k, 40));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Multiply(double[] a, int d, double[] v, double[] w, int chunk)
    {
        for (var r = chunk * MatrixRowsPerTask; r < Math.Min(d, (chunk + 1) * MatrixRowsPerTask); r++)
        {
            w[r] = TensorPrimitives.Dot(a.AsSpan(r * d, d), v);
        }
    }

    private static double[] Orthogonal(List<double[]> basis, int d, Random rng)
    {
        while (true)
        {
            var v = new double[d];
            for (var j = 0; j < d; j++)
            {
                v[j] = rng.NextDouble() - 0.5;
            }

            for (var pass = 0; pass < 2; pass++)
            {
                foreach (var b in basis)
                {
                    TensorPrimitives.MultiplyAdd(b, -TensorPrimitives.Dot<double>(v, b), v, v);
                }
            }

            var norm = TensorPrimitives.Norm<double>(v);
            if (norm > 1e-8)
            {
                TensorPrimitives.Divide(v, norm, v);
                return v;
            }
        }
    }
}
