using Projector.Core.Projections;
using Projector.Core.Projections.Custom;
using Projector.Server.Catalog;

namespace Projector.Server.Jobs;

/// <summary>
/// A checked projection request: the dataset and either the recipe of a PCA, t-SNE or UMAP layout or the
/// queries of custom axes.
/// </summary>
internal sealed record ProjectionPlan(
    CatalogEntry Entry,
    string Method,
    ProjectionRecipe? Recipe,
    (AxisQuery Left, AxisQuery Right, AxisQuery? Down, AxisQuery? Up)? Axes,
    int[]? Indices,
    string CacheKey)
{
    /// <summary>The previous step's layout the result is turned onto (<c>alignTo</c>), or null.</summary>
    public AlignedStep? Aligned { get; init; }

    /// <summary>Rows the layout has.</summary>
    public int Points => Indices?.Length ?? Entry.Dataset.Points;

    /// <summary>Columns per point of a t-SNE or UMAP layout (the others take theirs from the finished layout).</summary>
    public int Dims => Recipe?.Dimensions ?? 2;

    /// <summary>Iterations of t-SNE (or epochs of UMAP) planned; 0 for layouts computed at once.</summary>
    public int TotalIterations => Recipe switch
    {
        { Method: LayoutMethod.Tsne } r => r.ToTsneOptions().Iterations,
        { Method: LayoutMethod.Umap } r => r.ToUmapOptions(Points).EpochsFor(Points),
        _ => 0,
    };
}
