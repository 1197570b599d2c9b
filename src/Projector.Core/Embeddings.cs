using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Neighbors;
using Projector.Core.Projections;
using Projector.Core.Publishing.Export;
using Projector.Core.Publishing.Rendering;

namespace Projector.Core;

/// <summary>
/// The library in six calls: read, lay out, find neighbours, write, export and draw. Each is the same
/// code path the command line and the server take; the namespaces hold the options for more control.
/// </summary>
public static class Embeddings
{
    /// <summary>Reads the one embedding of a file, folder, config, log dir or <c>demo:</c> name (any format of <see cref="FormatRegistry"/>).</summary>
    /// <exception cref="DataFormatException">The input cannot be read; the message says where and what to do.</exception>
    public static Dataset Read(string path, ReadOptions? options = null) => DatasetReader.Read(path, options ?? ReadOptions.Default);

    /// <summary>Reads every embedding the input holds.</summary>
    /// <exception cref="DataFormatException">The input cannot be read.</exception>
    public static IReadOnlyList<Dataset> ReadAll(string path, ReadOptions? options = null) => DatasetReader.ReadAll(path, options ?? ReadOptions.Default);

    /// <summary>A layout of every point by <paramref name="recipe"/> (default: t-SNE with the product's defaults).</summary>
    /// <exception cref="RecipeException">A choice of the recipe does not fit the data.</exception>
    public static ComputedLayout Layout(Dataset dataset, ProjectionRecipe? recipe = null, IProgress<StageProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return (recipe ?? new ProjectionRecipe()).Compute(dataset.Matrix, null, progress, cancellationToken);
    }

    /// <summary>The <paramref name="k"/> nearest rows to row <paramref name="row"/> (itself left out), nearest first, cosine by default.</summary>
    public static Neighbor[] Neighbors(Dataset dataset, int row, int k = 10, Metric metric = Metric.Cosine)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return NeighborSearch.QueryRow(dataset.Matrix, row, k, metric);
    }

    /// <summary>Writes <paramref name="datasets"/> in the format <paramref name="path"/>'s extension names, atomically.</summary>
    public static void Write(string path, params IReadOnlyList<Dataset> datasets) => DatasetWriter.Write(path, datasets);

    /// <summary>Publishes <paramref name="datasets"/> as a static site, a standalone projector folder or a TensorBoard log.</summary>
    /// <exception cref="DataFormatException">The target may not be written.</exception>
    public static ExportSummary Export(string folder, ExportFormat format, IReadOnlyList<Dataset> datasets, ExportOptions? options = null, IProgress<StageProgress>? progress = null, CancellationToken cancellationToken = default) =>
        DatasetExport.Write(folder, format, datasets, options, progress, cancellationToken);

    /// <summary>Draws <paramref name="layout"/> of <paramref name="dataset"/> as a PNG, PDF or SVG picture with a legend (by the extension of <paramref name="path"/>).</summary>
    public static void Render(string path, Dataset dataset, ComputedLayout layout, MapOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layout);
        MapRenderer.Save(path, dataset, layout.Positions, layout.Dimensions, options ?? new MapOptions(), cancellationToken);
    }
}
