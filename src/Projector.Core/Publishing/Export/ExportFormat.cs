namespace Projector.Core.Publishing.Export;

/// <summary>What <see cref="DatasetExport"/> writes.</summary>
public enum ExportFormat
{
    /// <summary>A static web site: the page's files plus its data files (see docs/api.md, "Static site layout").</summary>
    Site,

    /// <summary>The standalone TF projector's <c>projector_config.json</c> with its <c>.bytes</c>, metadata, sprite and bookmarks.</summary>
    Standalone,

    /// <summary>A TensorBoard projector log folder: checkpoint, <c>projector_config.pbtxt</c>, metadata and sprite.</summary>
    TensorBoard,

    /// <summary>A level-of-detail tile set: <c>tiles.json</c> and Arrow IPC tiles <c>level/x/y.arrow</c> (see <c>TileExport</c>).</summary>
    Tiles,
}
