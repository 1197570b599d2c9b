namespace Projector.Core.Projections.Tsne;

/// <summary>The O(N²) repulsion, summed exactly: the reference for tests and the choice for tiny N.</summary>
internal sealed class ExactRepulsion(int points, int dims, TsneKernel kernel, int threads) : IRepulsiveForces
{
    /// <inheritdoc />
    public double Compute(double[] y, double[] force)
    {
        var rowZ = new double[points];
        Parallel.For(0, points, ParallelScheduling.Options(threads), i =>
        {
            Span<double> f = stackalloc double[3];
            f.Clear();
            var z = 0.0;
            for (var j = 0; j < points; j++)
            {
                if (j == i)
                {
                    continue;
                }

                var r2 = 0.0;
                for (var d = 0; d < dims; d++)
                {
                    var diff = y[(i * dims) + d] - y[(j * dims) + d];
                    r2 += diff * diff;
                }

                z += kernel.Similarity(r2);
                var rep = kernel.Repulsion(r2);
                for (var d = 0; d < dims; d++)
                {
                    f[d] += rep * (y[(i * dims) + d] - y[(j * dims) + d]);
                }
            }

            rowZ[i] = z;
            f[..dims].CopyTo(force.AsSpan(i * dims, dims));
        });

        // Summed in row order: independent of the thread count.
        var total = 0.0;
        foreach (var z in rowZ)
        {
            total += z;
        }

        return total;
    }
}
