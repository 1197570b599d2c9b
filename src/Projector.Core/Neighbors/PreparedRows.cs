using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Projector.Core.Data;

namespace Projector.Core.Neighbors;

/// <summary>
/// The rows a search works on, ready for distances by dot products: the input itself for Euclidean
/// (with squared norms), or a unit-normalised copy for cosine (made once, so each distance is one dot).
/// Every distance is then <c>key = Offset[i] + Offset[j] + Scale · x_i·x_j</c>, monotone in the true distance.
/// <see cref="Permuted"/> makes a renumbered copy (the field that holds the cosine copy then holds it).
/// </summary>
internal sealed unsafe class PreparedRows
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
            // Pinned, so that the kernels can hold a raw pointer to it for the life of the search.
            _normalized = GC.AllocateArray<float>(checked((int)data.Length), pinned: true);
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

        Data = Count == 0 ? null : (float*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(All));
    }

    /// <summary>A copy of <paramref name="source"/> with row s holding its row <paramref name="order"/>[s].</summary>
    private PreparedRows(PreparedRows source, int[] order, ParallelOptions parallel)
    {
        _data = source._data;
        Metric = source.Metric;
        Count = source.Count;
        Dimensions = source.Dimensions;
        Scale = source.Scale;
        Offsets = new float[Count];
        _normalized = GC.AllocateUninitializedArray<float>(checked(Count * Dimensions), pinned: true);
        var d = Dimensions;
        Parallel.For(0, (Count + 4095) / 4096, parallel, c =>
        {
            for (var s = c * 4096; s < Math.Min(Count, (c + 1) * 4096); s++)
            {
                source.Row(order[s]).CopyTo(_normalized.AsSpan(s * d, d));
                Offsets[s] = source.Offsets[order[s]];
            }
        });
        Data = Count == 0 ? null : (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_normalized));
    }

    /// <summary>
    /// These rows renumbered: row s of the result is row <paramref name="order"/>[s] here (a copy, N·D floats).
    /// Searches that read rows near each other in the order they visit them run from cache.
    /// </summary>
    public PreparedRows Permuted(int[] order, ParallelOptions parallel) => new(this, order, parallel);

    /// <summary>The first value of <see cref="All"/>; stable (pinned array or mapped file) while the search runs.</summary>
    public float* Data { get; }

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
