using System.Numerics.Tensors;
using Projector.Core.Data;
using Projector.Core.Neighbors;

namespace Projector.Core.Quality;

/// <summary>
/// Scores a layout against its input with the three figures of docs/algorithms.md ("Judging a layout"),
/// defined exactly as the project's independent scorer <c>quality.py</c> defines them.
/// </summary>
/// <remarks>
/// All neighbours are exact and Euclidean, in both spaces; a point is never its own neighbour; ties in
/// distance go to the lower index. With n ≤ <see cref="QualityOptions.ExactMaxPoints"/> every point is scored;
/// above, a seeded sample of <see cref="QualityOptions.SampleSize"/> points is, but each sampled point's
/// neighbours and ranks are still taken against all n points, so the figures are unbiased estimates.
/// Trustworthiness (Venna and Kaski 2001; sklearn.manifold.trustworthiness) is
/// <c>1 − 2 / (n k (2n − 3k − 1)) · (n / |Q|) · Σ_{i∈Q} Σ_{j ∈ kNN_layout(i)} max(0, r(i, j) − k)</c>, where
/// r(i, j) = 1 + the number of points strictly nearer to i than j in the input.
/// </remarks>
public static class LayoutQuality
{
    /// <summary>
    /// Measures <paramref name="layout"/> (N x <paramref name="dims"/>, row-major) against <paramref name="input"/>.
    /// Label accuracy is a majority vote of the k layout neighbours' labels; a tie goes to the tied label whose
    /// member is nearest (as quality.py). Points whose label is null or empty are not scored for accuracy and
    /// do not vote. Trustworthiness is NaN when 2n − 3k − 1 ≤ 0 (fewer than about 1.5·k points).
    /// </summary>
    public static QualityReport Measure(EmbeddingMatrix input, ReadOnlySpan<float> layout, int dims, IReadOnlyList<string?>? labels, QualityOptions? options) =>
        Score(input, layout, dims, labels, options, CancellationToken.None).Report;

    /// <summary>
    /// <see cref="Measure"/>'s figures (the same numbers) and, for every point, the fraction of its k nearest
    /// input-space neighbours that are also among its k nearest in the layout ("neighbourhood kept").
    /// </summary>
    /// <remarks>
    /// Up to <see cref="QualityOptions.ExactMaxPoints"/> points the per-point fractions come from the same exact
    /// search as the figures, so their mean is <see cref="QualityReport.KnnPreservation"/>. Above, the figures
    /// are sampled as in <see cref="Measure"/>, and each point's input neighbours come from the approximate kNN
    /// graph of <see cref="NeighborSearch.BuildGraph(EmbeddingMatrix, int, Metric, NeighborOptions?, IProgress{ProjectionProgress}?, CancellationToken)"/>
    /// (its estimated recall is reported) and its layout neighbours from an exact k-d tree search (2-D or 3-D layouts).
    /// </remarks>
    /// <exception cref="ArgumentException">The layout does not have N x dims values, or a large layout is not 2-D or 3-D.</exception>
    public static LayoutQualityDetail MeasurePoints(EmbeddingMatrix input, ReadOnlySpan<float> layout, int dims, IReadOnlyList<string?>? labels, QualityOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        options ??= QualityOptions.Default;
        var (report, queries, kept, k) = Score(input, layout, dims, labels, options, cancellationToken);
        var n = input.Rows;
        var fractions = new float[n];
        if (queries.Length == n)
        {
            for (var s = 0; s < n; s++)
            {
                fractions[queries[s]] = kept[s] / (float)k;
            }

            return new LayoutQualityDetail(report, fractions, k, true, null);
        }

        if (dims is not (2 or 3))
        {
            throw new ArgumentException($"Per-point figures of more than {options.ExactMaxPoints} points need a 2-D or 3-D layout, not {dims}-D.", nameof(dims));
        }

        var neighborOptions = new NeighborOptions { Threads = options.Threads, Seed = options.Seed };
        var graph = NeighborSearch.BuildGraph(input, k, Metric.Euclidean, neighborOptions, null, cancellationToken);
        var (inLayout, _) = new LayoutTree(layout, dims).Neighbors(k, options.Threads, cancellationToken);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads is > 0 ? options.Threads.Value : -1, CancellationToken = cancellationToken };
        Parallel.For(0, n, parallel, i =>
        {
            var near = graph.Indices(i);
            var shown = inLayout.AsSpan(i * k, k);
            var count = 0;
            foreach (var j in shown)
            {
                count += near.Contains(j) ? 1 : 0;
            }

            fractions[i] = count / (float)k;
        });
        return new LayoutQualityDetail(report, fractions, k, graph.IsExact, graph.IsExact ? null : graph.EstimatedRecall);
    }

    private static (QualityReport Report, int[] Queries, int[] Kept, int K) Score(EmbeddingMatrix input, ReadOnlySpan<float> layout, int dims, IReadOnlyList<string?>? labels, QualityOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dims);
        options ??= QualityOptions.Default;
        var n = input.Rows;
        if (layout.Length != (long)n * dims)
        {
            throw new ArgumentException($"The layout has {layout.Length} values; {n} points x {dims} dimensions need {(long)n * dims}.", nameof(layout));
        }

        if (labels is not null && labels.Count != n)
        {
            throw new ArgumentException($"There are {labels.Count} labels for {n} points.", nameof(labels));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(n, 2, nameof(input));
        var k = Math.Min(options.K, n - 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k, nameof(options));
        var queries = n <= options.ExactMaxPoints ? Enumerable.Range(0, n).ToArray() : KnnRecall.SampleRows(n, options.SampleSize, options.Seed);
        var classes = LabelOrdinals(labels);
        var y = layout.ToArray();
        var kept = new int[queries.Length];
        var penalty = new long[queries.Length];
        var correct = new int[queries.Length];     // 1 right, 0 wrong, −1 not scored
        var parallel = ParallelScheduling.Options(options.Threads, cancellationToken);
        Parallel.For(0, queries.Length, parallel, () => new Scratch(n, k), (s, _, scratch) =>
        {
            var q = queries[s];
            var inDist = scratch.InputDistances;
            var xq = input.Row(q);
            for (var j = 0; j < n; j++)
            {
                inDist[j] = j == q ? float.PositiveInfinity : TensorPrimitives.Distance(xq, input.Row(j));
            }

            var yq = y.AsSpan(q * dims, dims);
            var layoutDist = scratch.LayoutDistances;
            for (var j = 0; j < n; j++)
            {
                layoutDist[j] = j == q ? double.PositiveInfinity : SquaredDistance(yq, y.AsSpan(j * dims, dims));
            }

            var inNbr = Nearest(inDist, k, scratch.InputNeighbors);
            var layoutNbr = Nearest(layoutDist, k, scratch.LayoutNeighbors);
            foreach (var j in layoutNbr)
            {
                kept[s] += inNbr.Contains(j) ? 1 : 0;

                // Rank in the input: points strictly nearer than j, plus one.
                var dj = inDist[j];
                var rank = 1;
                foreach (var d in inDist)
                {
                    rank += d < dj ? 1 : 0;
                }

                penalty[s] += Math.Max(0, rank - k);
            }

            correct[s] = classes is null || classes[q] < 0 ? -1 : Vote(layoutNbr, classes, k) == classes[q] ? 1 : 0;
            return scratch;
        }, _ => { });

        var scored = queries.Length;
        var preservation = kept.Sum() / ((double)scored * k);
        var denominator = n * (double)k * ((2.0 * n) - (3.0 * k) - 1.0);
        var trust = denominator <= 0 ? double.NaN : 1.0 - (penalty.Sum() / (double)scored * n * (2.0 / denominator));
        var labelled = correct.Count(c => c >= 0);
        double? accuracy = labelled == 0 ? null : correct.Count(c => c == 1) / (double)labelled;
        return (new QualityReport(preservation, trust, accuracy, scored), queries, kept, k);
    }

    /// <summary>Label ordinals in order of first appearance; −1 for missing; null without labels.</summary>
    private static int[]? LabelOrdinals(IReadOnlyList<string?>? labels)
    {
        if (labels is null)
        {
            return null;
        }

        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        var ordinals = new int[labels.Count];
        for (var i = 0; i < ordinals.Length; i++)
        {
            var label = labels[i];
            if (string.IsNullOrEmpty(label))
            {
                ordinals[i] = -1;
                continue;
            }

            if (!map.TryGetValue(label, out var o))
            {
                o = map.Count;
                map[label] = o;
            }

            ordinals[i] = o;
        }

        return ordinals;
    }

    /// <summary>Majority label among the neighbours (nearest first); ties go to the label whose member comes first.</summary>
    private static int Vote(int[] neighbors, int[] classes, int k)
    {
        var best = -1;
        var bestScore = -1;
        for (var a = 0; a < neighbors.Length; a++)
        {
            var c = classes[neighbors[a]];
            if (c < 0)
            {
                continue;
            }

            // score = count · (k + 1) + (k − rank of the nearest member), as quality.py: majority, then nearest.
            var count = 0;
            var first = -1;
            for (var b = 0; b < neighbors.Length; b++)
            {
                if (classes[neighbors[b]] == c)
                {
                    count++;
                    first = first < 0 ? b : first;
                }
            }

            var score = (count * (k + 1)) + (k - first);
            if (score > bestScore)
            {
                (best, bestScore) = (c, score);
            }
        }

        return best;
    }

    private static double SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var s = 0.0;
        for (var t = 0; t < a.Length; t++)
        {
            var d = (double)a[t] - b[t];
            s += d * d;
        }

        return s;
    }

    /// <summary>The k smallest entries' indices by (distance, index), nearest first.</summary>
    private static int[] Nearest<T>(T[] distances, int k, int[] result)
        where T : IComparable<T>
    {
        var count = 0;
        for (var j = 0; j < distances.Length; j++)
        {
            // Insertion into a sorted buffer of k; a later index never displaces an equal distance.
            if (count == k && distances[j].CompareTo(distances[result[k - 1]]) >= 0)
            {
                continue;
            }

            var pos = Math.Min(count, k - 1);
            while (pos > 0 && distances[j].CompareTo(distances[result[pos - 1]]) < 0)
            {
                result[pos] = result[pos - 1];
                pos--;
            }

            result[pos] = j;
            count = Math.Min(k, count + 1);
        }

        return result;
    }

    private sealed class Scratch(int n, int k)
    {
        public float[] InputDistances { get; } = new float[n];

        public double[] LayoutDistances { get; } = new double[n];

        public int[] InputNeighbors { get; } = new int[k];

        public int[] LayoutNeighbors { get; } = new int[k];
    }
}
