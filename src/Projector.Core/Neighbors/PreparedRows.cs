using System.Numerics.Tensors;
using Projector.Core.Data;

namespace Projector.Core.Neighbors;

/// <summary>
/// The rows a search works on, ready for distances by dot products: the input itself for Euclidean
/// (with squared norms), or a unit-normalised copy for cosine (made once, so each distance is one dot).
/// Every distance is then <c>key = Offset[i] + Offset[j] + Scale · x_i·x_j</c>, monotone in the true distance.
/// </summary>
internal sealed class PreparedRows
{
    private readonly EmbeddingMatrix _data;
    private readonly float[]? _normalized;

    public PreparedRows(EmbeddingMatrix data, Metric metric)
    {
        _data = data;
        Metric = metric;
        Count = data.Rows;
        Dimensions = data.Dimensions;
        Offsets = new float[data.Rows];
        if (metric == Metric.Cosine)
        {
            // key = 0.5 + 0.5 − x̂·ŷ = 1 − cos; a zero row stays zero, so it is at distance 1 from everything.
            _normalized = new float[data.Length];
            for (var i = 0; i < data.Rows; i++)
            {
                var row = data.Row(i);
                var norm = TensorPrimitives.Norm(row);
                if (norm > 0)
                {
                    TensorPrimitives.Divide(row, norm, _normalized.AsSpan(i * Dimensions, Dimensions));
                }
            }

            Offsets.AsSpan().Fill(0.5f);
            Scale = -1f;
        }
        else
        {
            // key = ‖x‖² + ‖y‖² − 2x·y = ‖x − y‖² (clamped at 0 and square-rooted at the end).
            for (var i = 0; i < data.Rows; i++)
            {
                var row = data.Row(i);
                Offsets[i] = TensorPrimitives.Dot(row, row);
            }

            Scale = -2f;
        }
    }

    public Metric Metric { get; }

    public int Count { get; }

    public int Dimensions { get; }

    /// <summary>Per-row constant of the key: ‖x‖² (Euclidean) or 0.5 (cosine).</summary>
    public float[] Offsets { get; }

    /// <summary>Factor of the dot product in the key: −2 (Euclidean) or −1 (cosine).</summary>
    public float Scale { get; }

    /// <summary>All rows, row-major (the normalised copy for cosine).</summary>
    public ReadOnlySpan<float> All => _normalized is null ? _data.RowBlock(0, Count) : _normalized;

    public ReadOnlySpan<float> Row(int i) => _normalized is null ? _data.Row(i) : _normalized.AsSpan(i * Dimensions, Dimensions);

    /// <summary>The true distance between rows i and j, computed directly (not through the key).</summary>
    public float Distance(int i, int j) => Metric == Metric.Euclidean
        ? TensorPrimitives.Distance(Row(i), Row(j))
        : Math.Max(0f, 1f - TensorPrimitives.Dot(Row(i), Row(j)));

    /// <summary>The true distance between a row and an arbitrary vector (already normalised for cosine).</summary>
    public float Distance(int i, ReadOnlySpan<float> query) => Metric == Metric.Euclidean
        ? TensorPrimitives.Distance(Row(i), query)
        : Math.Max(0f, 1f - TensorPrimitives.Dot(Row(i), query));

    /// <summary>A query vector in the same space: unit-normalised for cosine (zero stays zero).</summary>
    public float[] PrepareQuery(ReadOnlySpan<float> query)
    {
        var q = query.ToArray();
        if (Metric == Metric.Cosine)
        {
            var norm = TensorPrimitives.Norm(query);
            if (norm > 0)
            {
                TensorPrimitives.Divide(q, norm, q);
            }
            else
            {
                Array.Clear(q);
            }
        }

        return q;
    }
}
