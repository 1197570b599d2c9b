using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.Standalone;
using Projector.Core.Formats.TensorBoard;
using Projector.Core.Publishing.StaticSite;

namespace Projector.Core.Publishing.Export;

/// <summary>
/// Publishes datasets as a folder: a static web site, the standalone TF projector's layout, or a
/// TensorBoard log folder. Every export is written safely through <see cref="ExportFolder"/>.
/// </summary>
public static class DatasetExport
{
    /// <summary>Writes <paramref name="datasets"/> to the folder <paramref name="target"/> as <paramref name="format"/>.</summary>
    /// <exception cref="DataFormatException">The target may not be written, or a sprite cannot fit the pages' limit.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; the target is untouched.</exception>
    public static ExportSummary Write(string target, ExportFormat format, IReadOnlyList<Dataset> datasets, ExportOptions? options = null, IProgress<StageProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        if (datasets.Count == 0)
        {
            throw new ArgumentException("Nothing to export.", nameof(datasets));
        }

        options ??= new ExportOptions();
        var notes = new List<string>();
        var files = ExportFolder.Write(target, format, options.Force, folder =>
        {
            var prepared = ExportPreparation.Prepare(datasets, notes);
            switch (format)
            {
                case ExportFormat.Standalone:
                    StandaloneConfigWriter.Write(Path.Combine(folder, DatasetReader.StandaloneConfigName), prepared, cancellationToken);
                    break;
                case ExportFormat.TensorBoard:
                    WriteLog(folder, prepared, cancellationToken);
                    break;
                case ExportFormat.Site:
                    StaticSiteWriter.Write(folder, prepared, options.Site, progress, cancellationToken);
                    break;
                default:
                    // Tiles need a layout as well as datasets: TileExport writes them.
                    throw new ArgumentOutOfRangeException(nameof(format), format, "Write tiles with TileExport.");
            }
        }, cancellationToken);
        return new ExportSummary(files, notes);
    }

    private static void WriteLog(string folder, IReadOnlyList<Dataset> datasets, CancellationToken ct)
    {
        var log = new ProjectorLogWriter(folder);
        foreach (var d in datasets)
        {
            log.Add(d);
        }

        // One checkpoint holds every tensor; it carries their step when they all came from the same one.
        var steps = datasets.Select(d => d.Step).Distinct().ToList();
        log.Write(steps is [{ } step] ? step : 0, ct);
    }
}
