using Projector.Core.Data;
using Projector.Core.Neighbors;

namespace Projector.Core.Projections.Tsne;

// Placing new points into a finished layout (openTSNE TSNEEmbedding.transform / prepare_partial).
public static partial class TsneProjection
{
    /// <summary>
    /// Positions for <paramref name="newPoints"/> in the layout <paramref name="referenceLayout"/> of
    /// <paramref name="reference"/>: each new point starts at the per-coordinate median of its reference
    /// neighbours and is optimised against the fixed reference points only (new points do not interact).
    /// Returns M x dims positions, row-major. Deterministic; independent of the thread count.
    /// </summary>
    /// <remarks>
    /// Each new point i has its own conditional P(j|i) over its k reference neighbours and its own
    /// normalisation Z_i = Σ_j w_ij over all reference points (openTSNE's per-point normalisation for
    /// partial embeddings); the repulsion is Barnes-Hut over a tree of the reference layout built once.
    /// </remarks>
    /// <exception cref="ArgumentException">Dimensions of the data or layout do not match.</exception>
    public static float[] Transform(EmbeddingMatrix reference, ProjectionFrame referenceLayout, EmbeddingMatrix newPoints, TsneTransformOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(referenceLayout);
        ArgumentNullException.ThrowIfNull(newPoints);
        options ??= new TsneTransformOptions();
        var dims = referenceLayout.Dimensions;
        var n = reference.Rows;
        var m = newPoints.Rows;
        if (referenceLayout.Points != n || newPoints.Dimensions != reference.Dimensions || n == 0)
        {
            throw new ArgumentException($"The layout has {referenceLayout.Points} points for {n} reference rows; new points are {newPoints.Dimensions}-d, reference {reference.Dimensions}-d.", nameof(newPoints));
        }

        var threads = options.Threads ?? Environment.ProcessorCount;
        var k = Math.Clamp(options.Neighbors, 1, n);
        var perplexity = Math.Min(options.Perplexity, Math.Max(1.0, k / 3.0));
        var refY = Array.ConvertAll(referenceLayout.Positions, v => (double)v);
        var neighbors = new int[m * k];
        var p = new double[m * k];
        var y = new double[m * dims];
        Parallel.For(0, m, ParallelScheduling.Options(threads, cancellationToken), i =>
        {
            var found = options.Index?.Query(newPoints.Row(i), k) ?? NeighborSearch.Query(reference, newPoints.Row(i), k, options.Metric);
            var distances = new float[found.Length];
            for (var e = 0; e < found.Length; e++)
            {
                neighbors[(i * k) + e] = found[e].Index;
                distances[e] = found[e].Distance;
            }

            CalibrateRow(distances, perplexity, p.AsSpan(i * k, found.Length));
            var coordinate = new double[found.Length];
            for (var d = 0; d < dims; d++)
            {
                for (var e = 0; e < found.Length; e++)
                {
                    coordinate[e] = refY[(found[e].Index * dims) + d];
                }

                Array.Sort(coordinate);
                var mid = coordinate.Length / 2;
                y[(i * dims) + d] = coordinate.Length % 2 == 1 ? coordinate[mid] : (coordinate[mid - 1] + coordinate[mid]) / 2;
            }
        });

        var kernel = new TsneKernel(options.DegreesOfFreedom);
        var barnesHut = new BarnesHutRepulsion(n, dims, kernel, options.Theta, threads);
        barnesHut.UseReference(refY);
        var update = new double[y.Length];
        var gains = new double[y.Length];
        Array.Fill(gains, 1.0);
        for (var iteration = 0; iteration < options.Iterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Parallel.For(0, m, ParallelScheduling.Options(threads), i =>
            {
                Span<double> repulsion = stackalloc double[3];
                Span<double> gradient = stackalloc double[3];
                var yi = y.AsSpan(i * dims, dims);
                var z = barnesHut.Query(yi, repulsion);
                gradient.Clear();
                for (var e = i * k; e < (i + 1) * k; e++)
                {
                    var j = neighbors[e];
                    var r2 = 0.0;
                    for (var d = 0; d < dims; d++)
                    {
                        r2 += (yi[d] - refY[(j * dims) + d]) * (yi[d] - refY[(j * dims) + d]);
                    }

                    var pw = p[e] * kernel.Attraction(r2);
                    for (var d = 0; d < dims; d++)
                    {
                        gradient[d] += pw * (yi[d] - refY[(j * dims) + d]);
                    }
                }

                StepPoint(yi, gradient, repulsion, z, update.AsSpan(i * dims, dims), gains.AsSpan(i * dims, dims), options);
            });
        }

        return Array.ConvertAll(y, v => (float)v);
    }

    /// <summary>One gains-and-momentum step of one new point, with the (attraction − repulsion / Z_i) gradient.</summary>
    private static void StepPoint(Span<double> yi, Span<double> attraction, ReadOnlySpan<double> repulsion, double z, Span<double> update, Span<double> gains, TsneTransformOptions options)
    {
        var norm2 = 0.0;
        for (var d = 0; d < yi.Length; d++)
        {
            var g = attraction[d] - (z > 0 ? repulsion[d] / z : 0);
            gains[d] = update[d] * g < 0 ? gains[d] + 0.2 : Math.Max(gains[d] * 0.8, 0.01);
            update[d] = (options.Momentum * update[d]) - (options.LearningRate * gains[d] * g);
            norm2 += update[d] * update[d];
        }

        var scale = options.MaxStepNorm > 0 && norm2 > options.MaxStepNorm * options.MaxStepNorm ? options.MaxStepNorm / Math.Sqrt(norm2) : 1.0;
        for (var d = 0; d < yi.Length; d++)
        {
            yi[d] += update[d] * scale;
            update[d] *= scale;
        }
    }
}
