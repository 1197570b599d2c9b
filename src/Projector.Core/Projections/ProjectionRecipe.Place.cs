using Projector.Core.Data;
using Projector.Core.Neighbors;
using Projector.Core.Projections.Pca;
using Projector.Core.Projections.Tsne;
using Projector.Core.Projections.Umap;

namespace Projector.Core.Projections;

/// <summary>Placing new rows into a layout this recipe computed, without recomputing it.</summary>
public sealed partial record ProjectionRecipe
{
    /// <summary>Reference neighbours returned per placed row when none are asked for.</summary>
    public const int PlacedNeighbors = 10;

    /// <summary>
    /// Positions for <paramref name="newRows"/> in <paramref name="layout"/>, the finished layout this recipe
    /// computed for <paramref name="data"/>, which stays as it is: the new rows go through the same preparation
    /// (the recipe's rows and its PCA reduction, found in <paramref name="cache"/> or fitted again with the
    /// same seed), then PCA projects them onto its components, t-SNE and UMAP optimise each new row against the
    /// fixed layout (openTSNE's and umap-learn's <c>transform</c>). Also returns each new row's nearest rows
    /// of <paramref name="data"/> in the input space (by the recipe's metric), for showing them together.
    /// Deterministic for the recipe's seed. t-SNE and UMAP find each new row's neighbours among the layout's
    /// rows by an exact scan, or through <paramref name="index"/> when given: an approximate index of those
    /// rows as the layout saw them (reduced, in the recipe's metric), built once for many placements.
    /// </summary>
    /// <exception cref="ArgumentException">The new rows' width differs from the data's, the layout is not one of this recipe for the data, or the index is not of the rows it places against.</exception>
    public PlacedRows Place(EmbeddingMatrix data, ProjectionFrame layout, EmbeddingMatrix newRows, int neighbors = PlacedNeighbors, IPreparationCache? cache = null, IProgress<StageProgress>? progress = null, NeighborIndex? index = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(newRows);
        Validate(data.Rows, data.Dimensions);
        if (newRows.Dimensions != data.Dimensions)
        {
            throw new ArgumentException($"The new rows have {newRows.Dimensions} values each but the dataset's rows have {data.Dimensions}: give vectors of the same space (the same model and layer).", nameof(newRows));
        }

        var points = Rows?.Count ?? data.Rows;
        if (layout.Points != points)
        {
            throw new ArgumentException($"The layout has {layout.Points} points but the recipe lays out {points} rows.", nameof(layout));
        }

        var positions = newRows.Rows == 0 ? [] : Method switch
        {
            LayoutMethod.Pca => PlaceByPca(data, layout, newRows, cancellationToken),
            _ => PlaceIteratively(data, layout, newRows, cache, progress, index, cancellationToken),
        };

        var k = Math.Clamp(neighbors, 0, data.Rows);
        var found = new Neighbor[newRows.Rows][];
        for (var i = 0; i < newRows.Rows; i++)
        {
            found[i] = k == 0 ? [] : NeighborSearch.Query(data, newRows.Row(i), k, Metric, -1, Threads, cancellationToken);
        }

        return new PlacedRows(positions, newRows.Rows, layout.Dimensions, found);
    }

    private float[] PlaceByPca(EmbeddingMatrix data, ProjectionFrame layout, EmbeddingMatrix newRows, CancellationToken cancellationToken)
    {
        using var subset = Rows is { } rows ? Subset(data, rows) : null;
        var input = subset ?? data;
        var pca = PrincipalComponents.Fit(input, new PcaOptions { Components = ComponentsFor(input.Rows, input.Dimensions), Seed = Seed }, null, cancellationToken);
        using var projected = pca.Transform(newRows, cancellationToken);
        if (projected.Dimensions < layout.Dimensions)
        {
            throw new ArgumentException($"The layout has {layout.Dimensions} columns but this recipe's PCA computes {projected.Dimensions}.", nameof(layout));
        }

        var result = new float[newRows.Rows * layout.Dimensions];
        for (var i = 0; i < newRows.Rows; i++)
        {
            projected.Row(i)[..layout.Dimensions].CopyTo(result.AsSpan(i * layout.Dimensions));
        }

        return result;
    }

    private float[] PlaceIteratively(EmbeddingMatrix data, ProjectionFrame layout, EmbeddingMatrix newRows, IPreparationCache? cache, IProgress<StageProgress>? progress, NeighborIndex? index, CancellationToken cancellationToken)
    {
        if (layout.Dimensions != Dimensions)
        {
            throw new ArgumentException($"The layout has {layout.Dimensions} columns but the recipe lays out {Dimensions}.", nameof(layout));
        }

        // The reference rows as the run saw them (reduced, and from the cache when it kept them; no kNN
        // graph: placing needs none), and the new rows through the same reduction. When the cache held
        // the reduced rows, PCA is fitted again: with the recipe's seed it is the same fit.
        var (reference, owned, _) = ReducedInput(data, cache, progress, cancellationToken, out var pca);
        var reduceTo = ReductionFor(data.Dimensions);
        if (reduceTo > 0 && pca is null)
        {
            using var subset = Rows is { } rows ? Subset(data, rows) : null;
            pca = PrincipalComponents.Fit(subset ?? data, new PcaOptions { Components = reduceTo, Seed = Seed }, null, cancellationToken);
        }

        if (index is not null && (index.Points != reference.Rows || index.Dimensions != reference.Dimensions || index.Metric != Metric))
        {
            if (owned)
            {
                reference.Dispose();
            }

            throw new ArgumentException($"The neighbour index holds {index.Points} rows of {index.Dimensions} values ({index.Metric}); the recipe places against {reference.Rows} of {reference.Dimensions} ({Metric}).", nameof(index));
        }

        var reducedNew = pca is null ? newRows : pca.Transform(newRows, cancellationToken);
        try
        {
            if (Method == LayoutMethod.Tsne)
            {
                var tsne = ToTsneOptions();
                var options = new TsneTransformOptions { Metric = Metric, DegreesOfFreedom = tsne.DegreesOfFreedom, Threads = Threads, Index = index };
                return TsneProjection.Transform(reference, layout, reducedNew, options, cancellationToken);
            }

            return UmapTransform.Place(reference, layout, reducedNew, ToUmapOptions(reference.Rows), index, cancellationToken);
        }
        finally
        {
            if (!ReferenceEquals(reducedNew, newRows))
            {
                reducedNew.Dispose();
            }

            if (owned)
            {
                reference.Dispose();
            }
        }
    }
}
