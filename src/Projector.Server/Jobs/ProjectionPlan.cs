using Projector.Core.Neighbors;
using Projector.Core.Projections.Custom;
using Projector.Core.Projections.Tsne;
using Projector.Core.Projections.Umap;
using Projector.Server.Catalog;

namespace Projector.Server.Jobs;

/// <summary>A checked projection request: the dataset, the rows, and the Core options of the chosen method.</summary>
internal sealed record ProjectionPlan(
    CatalogEntry Entry,
    string Method,
    int Seed,
    int[]? Indices,
    Metric Metric,
    int PcaDims,
    int PcaComponents,
    TsneOptions? Tsne,
    UmapOptions? Umap,
    (AxisQuery Left, AxisQuery Right, AxisQuery? Down, AxisQuery? Up)? Axes,
    string CacheKey)
{
    /// <summary>Rows the layout has.</summary>
    public int Points => Indices?.Length ?? Entry.Dataset.Points;

    /// <summary>Identifies the rows: all of them, or a hash of the chosen indices.</summary>
    public string RowsKey => Indices is null ? "all" : IndicesHash(Indices);

    internal static string IndicesHash(int[] indices)
    {
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(indices.AsSpan());
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))[..32];
    }
}
