namespace Projector.Core.Projections.Tsne;

/// <summary>
/// The joint input-space affinities P as a symmetric N x N sparse matrix in CSR form (rows sorted by
/// column, no explicit diagonal), summing to 1.
/// </summary>
internal sealed class SparseAffinities(int rows, int[] rowStart, int[] columns, float[] values)
{
    /// <summary>N.</summary>
    public int Rows { get; } = rows;

    /// <summary>Row i's entries are at [RowStart[i], RowStart[i + 1]).</summary>
    public int[] RowStart { get; } = rowStart;

    /// <summary>Column of each entry.</summary>
    public int[] Columns { get; } = columns;

    /// <summary>p_ij of each entry (float32: a million points hold over 100 M of them).</summary>
    public float[] Values { get; } = values;

    /// <summary>Number of stored entries.</summary>
    public int Count => Columns.Length;

    /// <summary>Σ p_ij log p_ij, the constant part of KL(P‖Q).</summary>
    public double Entropy()
    {
        var sum = 0.0;
        foreach (var p in Values)
        {
            if (p > 0)
            {
                sum += p * Math.Log(p);
            }
        }

        return sum;
    }
}
