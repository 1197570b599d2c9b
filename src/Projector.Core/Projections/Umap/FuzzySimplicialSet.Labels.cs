namespace Projector.Core.Projections.Umap;

/// <content>The intersection with a categorical label graph (supervised UMAP).</content>
internal sealed partial class FuzzySimplicialSet
{
    // umap-learn's unknown_dist: an edge touching an unlabelled point is weakened by e^−1.
    private const double UnknownDistance = 1.0;

    /// <summary>
    /// Weakens edges between different labels by e^−<paramref name="farDistance"/> and edges touching an
    /// unknown label by e^−1, then resets local connectivity: each row scaled so its largest weight is 1,
    /// and the fuzzy union taken again.
    /// </summary>
    /// <remarks>
    /// As umap-learn's <c>categorical_simplicial_set_intersection</c> followed by
    /// <c>reset_local_connectivity</c>; far distance 2.5 / (1 − target_weight), 5.0 at the default 0.5.
    /// </remarks>
    public FuzzySimplicialSet IntersectLabels(IReadOnlyList<string?> labels, double farDistance)
    {
        if (labels.Count != Points)
        {
            throw new ArgumentException($"Expected one label per point ({Points}), got {labels.Count}.", nameof(labels));
        }

        var ids = LabelIds(labels);
        var unknown = (float)Math.Exp(-UnknownDistance);
        var far = (float)Math.Exp(-farDistance);
        var weights = new float[Edges];
        for (var i = 0; i < Points; i++)
        {
            var rowMax = 0f;
            for (var e = RowStart[i]; e < RowStart[i + 1]; e++)
            {
                var j = Columns[e];
                weights[e] = Weights[e] * (ids[i] < 0 || ids[j] < 0 ? unknown : ids[i] != ids[j] ? far : 1f);
                rowMax = Math.Max(rowMax, weights[e]);
            }

            // sklearn's normalize(norm="max"): the strongest edge of each row becomes 1.
            for (var e = RowStart[i]; e < RowStart[i + 1]; e++)
            {
                weights[e] = rowMax > 0 ? weights[e] / rowMax : 0f;
            }
        }

        return Union(Points, RowStart, Columns, weights);
    }

    private static int[] LabelIds(IReadOnlyList<string?> labels)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = new int[labels.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            var label = labels[i];
            if (string.IsNullOrEmpty(label))
            {
                ids[i] = -1;
                continue;
            }

            if (!map.TryGetValue(label, out var id))
            {
                id = map.Count;
                map.Add(label, id);
            }

            ids[i] = id;
        }

        return ids;
    }
}
