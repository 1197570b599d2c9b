using Projector.Core.Data;
using Projector.Core.Publishing.Export;

namespace Projector.Core.Publishing.Tiles;

/// <summary>
/// Writes a tile set into a folder safely, as every export is: built in a hidden temporary folder beside
/// the target and renamed into place once complete, so a failed or cancelled run leaves nothing behind.
/// </summary>
public static class TileExport
{
    /// <summary>Writes the tile set of <paramref name="layout"/> into <paramref name="target"/> (new or empty, or an earlier export with <paramref name="force"/>).</summary>
    /// <exception cref="DataFormatException">The target may not be written, or the layout cannot be tiled.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; the target is untouched.</exception>
    public static (TileSetManifest Manifest, ExportSummary Summary) Write(string target, Dataset dataset, EmbeddingMatrix layout, TileSetOptions? options = null, bool force = false, IProgress<StageProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        TileSetManifest? manifest = null;
        var files = ExportFolder.Write(target, ExportFormat.Tiles, force, folder => manifest = TileSetWriter.Write(folder, dataset, layout, options, progress, cancellationToken), cancellationToken);
        return (manifest!, new ExportSummary(files, []));
    }
}
