using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace Projector.Core.Projections.Umap;

/// <summary>
/// The spectral start of a UMAP layout: the eigenvectors of the normalized Laplacian
/// I − D^−½ W D^−½ with the smallest non-trivial eigenvalues, as umap-learn's <c>spectral_layout</c>.
/// </summary>
/// <remarks>
/// Equivalently the largest eigenvectors of M = D^−½ W D^−½ after the trivial one (√degree, eigenvalue 1),
/// found here by Lanczos with full reorthogonalisation against the trivial vector and every earlier
/// Lanczos vector; the Ritz vectors come from the small tridiagonal matrix (MathNet's dense EVD).
/// Where umap-learn lays disconnected components out separately, we add a tiny weight ε between every
/// pair of points (applied implicitly, ε·n = 1e-4 × the mean degree), so the graph is connected, the
/// trivial eigenvector is unique, and the component indicators come first: components land apart.
/// </remarks>
internal static class SpectralLayout
{
    private const int MaxLanczosVectors = 128;
    private const double Regularization = 1e-4;

    /// <summary>N x <paramref name="dimensions"/> coordinates, row-major, or null when the graph is too small.</summary>
    public static double[]? Compute(FuzzySimplicialSet graph, int dimensions, int seed, ParallelOptions parallel, CancellationToken ct)
    {
        var n = graph.Points;
        if (n <= dimensions + 1)
        {
            return null;
        }

        var degree = new double[n];
        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var e = graph.RowStart[i]; e < graph.RowStart[i + 1]; e++)
            {
                degree[i] += graph.Weights[e];
            }

            total += degree[i];
        }

        var epsilon = Regularization * Math.Max(total / n, 1e-12) / n;
        var invSqrt = new double[n];
        var trivial = new double[n];
        for (var i = 0; i < n; i++)
        {
            degree[i] += epsilon * n;
            invSqrt[i] = 1 / Math.Sqrt(degree[i]);
            trivial[i] = Math.Sqrt(degree[i]);
        }

        Normalize(trivial);
        var m = Math.Min(n - 1, MaxLanczosVectors);
        var q = new List<double[]>(m + 1);
        var start = new double[n];
        var random = new Random(seed);
        for (var i = 0; i < n; i++)
        {
            start[i] = random.NextDouble() - 0.5;
        }

        Orthogonalize(start, trivial);
        Normalize(start);
        q.Add(start);
        var alpha = new List<double>();
        var beta = new List<double>();
        var scratch = new double[n];
        var w = new double[n];
        for (var j = 0; j < m; j++)
        {
            ct.ThrowIfCancellationRequested();
            Multiply(graph, invSqrt, epsilon, q[j], scratch, w, parallel);
            alpha.Add(TensorPrimitives.Dot<double>(w, q[j]));

            // Full reorthogonalisation (twice is enough, Kahan–Parlett) keeps the Krylov basis
            // orthogonal in floating point, so no ghost copies of converged eigenvalues appear.
            for (var pass = 0; pass < 2; pass++)
            {
                Orthogonalize(w, trivial);
                foreach (var v in q)
                {
                    Orthogonalize(w, v);
                }
            }

            var norm = TensorPrimitives.Norm<double>(w);
            if (j == m - 1 || norm < 1e-10)
            {
                break; // the Krylov space is exhausted (or invariant): the Ritz vectors are exact.
            }

            beta.Add(norm);
            TensorPrimitives.Divide(w, norm, w);
            q.Add((double[])w.Clone());
        }

        var size = alpha.Count;
        if (size < dimensions)
        {
            return null;
        }

        var t = Matrix<double>.Build.Dense(size, size);
        for (var j = 0; j < size; j++)
        {
            t[j, j] = alpha[j];
            if (j + 1 < size)
            {
                t[j, j + 1] = beta[j];
                t[j + 1, j] = beta[j];
            }
        }

        var evd = t.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, size).OrderByDescending(i => evd.EigenValues[i].Real).ThenBy(i => i).ToArray();
        var result = new double[n * dimensions];
        for (var c = 0; c < dimensions; c++)
        {
            var s = evd.EigenVectors.Column(order[c]);
            for (var l = 0; l < size; l++)
            {
                var coefficient = s[l];
                var basis = q[l];
                for (var i = 0; i < n; i++)
                {
                    result[(i * dimensions) + c] += coefficient * basis[i];
                }
            }
        }

        return result;
    }

    /// <summary>y = D^−½ (W + ε 11ᵀ) D^−½ x, parallel over rows (each row is written by one thread).</summary>
    private static void Multiply(FuzzySimplicialSet graph, double[] invSqrt, double epsilon, double[] x, double[] scaled, double[] y, ParallelOptions parallel)
    {
        TensorPrimitives.Multiply<double>(x, invSqrt, scaled);
        var shift = epsilon * TensorPrimitives.Sum<double>(scaled);
        var n = graph.Points;
        var chunk = Math.Max(1024, (n + 63) / 64);
        Parallel.For(0, (n + chunk - 1) / chunk, parallel, block =>
        {
            var end = Math.Min(n, (block + 1) * chunk);
            for (var i = block * chunk; i < end; i++)
            {
                var sum = shift;
                for (var e = graph.RowStart[i]; e < graph.RowStart[i + 1]; e++)
                {
                    sum += graph.Weights[e] * scaled[graph.Columns[e]];
                }

                y[i] = sum * invSqrt[i];
            }
        });
    }

    private static void Orthogonalize(double[] w, double[] unit)
    {
        var dot = TensorPrimitives.Dot<double>(w, unit);
        for (var i = 0; i < w.Length; i++)
        {
            w[i] -= dot * unit[i];
        }
    }

    private static void Normalize(double[] v)
    {
        var norm = TensorPrimitives.Norm<double>(v);
        if (norm > 0)
        {
            TensorPrimitives.Divide(v, norm, v);
        }
    }
}
