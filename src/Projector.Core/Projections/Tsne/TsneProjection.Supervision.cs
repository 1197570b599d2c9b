namespace Projector.Core.Projections.Tsne;

// Supervised t-SNE as the TensorFlow projector does it (vz_projector bh_tsne.ts costGrad), moved from
// the dense per-iteration loop to a one-off reweighting of the sparse P.
public static partial class TsneProjection
{
    /// <summary>Smallest and largest label weight, the projector's 1e-7 clamps.</summary>
    private const double MinLabelWeight = 1e-7;

    /// <summary>
    /// Multiplies each p_ij by the projector's label prior and renormalises P to sum 1:
    /// 1/N when either label is missing; max(1/N − f / other_i, 1e-7) when the labels differ;
    /// min(1/N + f / same_i, 1 − 1e-7) when they agree (same_i = points sharing i's label, other_i = labelled
    /// points that do not). The projector applies the weight of row i to p_ij, which breaks the symmetry of
    /// P; we use the mean of the (i, j) and (j, i) weights so P stays symmetric.
    /// </summary>
    internal static void Supervise(SparseAffinities p, IReadOnlyList<string?> labels, double factor)
    {
        var n = p.Rows;
        if (labels.Count != n)
        {
            throw new ArgumentException($"Expected {n} supervision labels, one per point; got {labels.Count}.", nameof(labels));
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var unlabelled = 0;
        foreach (var label in labels)
        {
            if (label is null)
            {
                unlabelled++;
            }
            else
            {
                counts[label] = counts.GetValueOrDefault(label) + 1;
            }
        }

        double Weight(int i, int j)
        {
            var (a, b) = (labels[i], labels[j]);
            if (a is null || b is null)
            {
                return 1.0 / n;
            }

            var same = counts[a];
            if (string.Equals(a, b, StringComparison.Ordinal))
            {
                return Math.Min((1.0 / n) + (factor / same), 1 - MinLabelWeight);
            }

            var other = n - same - unlabelled;
            return Math.Max((1.0 / n) - (factor / other), MinLabelWeight);
        }

        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var e = p.RowStart[i]; e < p.RowStart[i + 1]; e++)
            {
                var j = p.Columns[e];
                p.Values[e] = (float)(p.Values[e] * (Weight(i, j) + Weight(j, i)) / 2);
                sum += p.Values[e];
            }
        }

        if (sum > 0)
        {
            for (var e = 0; e < p.Count; e++)
            {
                p.Values[e] = (float)(p.Values[e] / sum);
            }
        }
    }
}
