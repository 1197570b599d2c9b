namespace Projector.Core.Projections.Tsne;

// Visiting rows of P along the layout: the attraction reads y_j for every entry of P, which for a million
// points (over 100 M entries) taken in index order is a cache miss per entry. Taken along a Morton curve
// of the layout, consecutive rows are neighbours in the layout and share most of their y_j.
public sealed partial class TsneRun
{
    /// <summary>
    /// Fewest points for which the rows are visited along the layout. Below it the layout fits in the
    /// core's cache anyway. Measured with 130 entries per row on 1M points: 378 ms per pass with columns
    /// spread over all points, 138 ms with columns near the row.
    /// </summary>
    internal const int ReorderFrom = 32_768;

    private int[]? _visit;
    private ulong[]? _visitKeys;

    /// <summary>Fewest points for which this run visits rows along the layout (<see cref="ReorderFrom"/>; tests lower it).</summary>
    internal int ReorderThreshold { get; set; } = ReorderFrom;

    /// <summary>The order is renewed before these iterations, and then every 50th, as the layout settles into its neighbourhoods.</summary>
    private bool ReorderDue => Points >= ReorderThreshold && (Iteration is 0 or 10 or 25 || Iteration % 50 == 0);

    /// <summary>
    /// Sorts the rows along a Morton curve of the current layout. Each row is still summed on its own
    /// and written to its own place, so the result is the same bytes as in index order.
    /// </summary>
    private void Reorder()
    {
        _visit ??= new int[Points];
        _visitKeys ??= new ulong[Points];
        MortonTree.SortAlongCurve(_y, Dimensions, _visitKeys, _visit);
    }
}
