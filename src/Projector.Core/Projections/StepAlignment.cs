using MathNet.Numerics.LinearAlgebra;

namespace Projector.Core.Projections;

/// <summary>
/// Turns one layout onto another of the same points so that only what changed between them moves:
/// orthogonal Procrustes (Schönemann 1966) over the shared points, a rotation or reflection plus a shift,
/// never a stretch. Layouts are N x dimensions, row-major.
/// </summary>
/// <remarks>
/// With both layouts centred on the shared points, the orthogonal R minimising Σ‖bᵢR − aᵢ‖² is U·Vᵀ for the
/// SVD U·Σ·Vᵀ of Bᵀ·A, a 2 x 2 or 3 x 3 matrix (MathNet's SVD, which Core already uses for PCA).
/// </remarks>
public static class StepAlignment
{
    /// <summary>
    /// <paramref name="moving"/> rotated or reflected, and shifted, to lie as close as it can to
    /// <paramref name="reference"/> over the rows <paramref name="shared"/> (null: every row); every row moves.
    /// </summary>
    /// <exception cref="ArgumentException">The layouts do not hold <paramref name="points"/> x <paramref name="dimensions"/> values, or a shared row is out of range.</exception>
    public static float[] Align(ReadOnlySpan<float> reference, ReadOnlySpan<float> moving, int points, int dimensions, IReadOnlyList<int>? shared = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(points);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        var length = (long)points * dimensions;
        if (reference.Length != length || moving.Length != length)
        {
            throw new ArgumentException($"Both layouts must hold {points} x {dimensions} values; they hold {reference.Length} and {moving.Length}.");
        }

        var rows = shared ?? Enumerable.Range(0, points).ToArray();
        if (rows.Any(r => r < 0 || r >= points))
        {
            throw new ArgumentException($"A shared row is outside 0..{points - 1}.", nameof(shared));
        }

        var result = moving.ToArray();
        if (rows.Count == 0)
        {
            return result;
        }

        var a = Centroid(reference, rows, dimensions);
        var b = Centroid(moving, rows, dimensions);
        var m = Matrix<double>.Build.Dense(dimensions, dimensions);
        foreach (var i in rows)
        {
            for (var r = 0; r < dimensions; r++)
            {
                var br = moving[(i * dimensions) + r] - b[r];
                for (var c = 0; c < dimensions; c++)
                {
                    m[r, c] += br * (reference[(i * dimensions) + c] - a[c]);
                }
            }
        }

        var svd = m.Svd(computeVectors: true);
        var rotation = svd.U * svd.VT;
        for (var i = 0; i < points; i++)
        {
            for (var c = 0; c < dimensions; c++)
            {
                var sum = a[c];
                for (var r = 0; r < dimensions; r++)
                {
                    sum += (moving[(i * dimensions) + r] - b[r]) * rotation[r, c];
                }

                result[(i * dimensions) + c] = (float)sum;
            }
        }

        return result;
    }

    /// <summary>The mean distance a point moves from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static double MeanDisplacement(ReadOnlySpan<float> from, ReadOnlySpan<float> to, int points, int dimensions)
    {
        if (from.Length != to.Length || from.Length != (long)points * dimensions)
        {
            throw new ArgumentException($"Both layouts must hold {points} x {dimensions} values.");
        }

        var total = 0.0;
        for (var i = 0; i < points; i++)
        {
            var squared = 0.0;
            for (var c = 0; c < dimensions; c++)
            {
                var d = (double)to[(i * dimensions) + c] - from[(i * dimensions) + c];
                squared += d * d;
            }

            total += Math.Sqrt(squared);
        }

        return points == 0 ? 0 : total / points;
    }

    /// <summary>The root mean square distance of the points from their centroid: the layout's size, to weigh a displacement against.</summary>
    public static double Spread(ReadOnlySpan<float> layout, int points, int dimensions)
    {
        if (layout.Length != (long)points * dimensions)
        {
            throw new ArgumentException($"The layout must hold {points} x {dimensions} values.", nameof(layout));
        }

        if (points == 0)
        {
            return 0;
        }

        var centre = Centroid(layout, Enumerable.Range(0, points).ToArray(), dimensions);
        var total = 0.0;
        for (var i = 0; i < points; i++)
        {
            for (var c = 0; c < dimensions; c++)
            {
                var d = layout[(i * dimensions) + c] - centre[c];
                total += d * d;
            }
        }

        return Math.Sqrt(total / points);
    }

    private static double[] Centroid(ReadOnlySpan<float> layout, IReadOnlyList<int> rows, int dimensions)
    {
        var centre = new double[dimensions];
        foreach (var i in rows)
        {
            for (var c = 0; c < dimensions; c++)
            {
                centre[c] += layout[(i * dimensions) + c];
            }
        }

        for (var c = 0; c < dimensions; c++)
        {
            centre[c] /= rows.Count;
        }

        return centre;
    }
}
