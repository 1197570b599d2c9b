using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Publishing.Tiles;
using Projector.Server.Catalog;

namespace Projector.Server.Tiles;

/// <summary>
/// The tile set <c>serve --tiles</c> shows, joined to what lets its page search and list neighbours
/// through the server: the served dataset it was made from (the first with as many points) and the
/// positions of its rows (<c>positions.npy</c> beside <c>tiles.json</c>, memory-mapped), so a row the
/// search or a neighbour list names can be found on the map. The page holds only the tiles in view,
/// so it cannot look a row up itself.
/// </summary>
internal sealed class ServedTiles(string folder, TileSetManifest manifest) : IDisposable
{
    /// <summary>The file of every row's position, in row order, that exports and cluster jobs write beside the tiles.</summary>
    public const string PositionsFile = TileSetWriter.PositionsFile;

    private readonly Lazy<Dataset?> _positions = new(() =>
    {
        var path = Path.Combine(folder, PositionsFile);
        if (!File.Exists(path))
        {
            return null;
        }

        var read = DatasetReader.Read(path, new ReadOptions { AllowNonFinite = true });
        if (read.Points == manifest.Points && read.Dimensions >= 2)
        {
            return read;
        }

        read.Dispose();
        return null;
    });

    /// <summary>The tile set's manifest.</summary>
    public TileSetManifest Manifest => manifest;

    /// <summary>Every row's position (rows x 2 or 3), or null when the folder has no <c>positions.npy</c> of the set's rows.</summary>
    public EmbeddingMatrix? Positions => _positions.Value?.Matrix;

    private string? _dataset;

    /// <summary>The served dataset of as many points as the tile set (the first in the catalog's order), or null.</summary>
    /// <remarks>A match is kept (finding it may read every served dataset once); no match is looked for again, as uploads may add one.</remarks>
    public CatalogEntry? DatasetIn(DatasetCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (_dataset is { } id && catalog.Contains(id))
        {
            return catalog.Get(id);
        }

        var found = catalog.Entries.FirstOrDefault(e => e.Item().Points == manifest.Points);
        _dataset = found?.Id;
        return found;
    }

    /// <summary>Closes <c>positions.npy</c>.</summary>
    public void Dispose()
    {
        if (_positions.IsValueCreated)
        {
            _positions.Value?.Dispose();
        }
    }
}
