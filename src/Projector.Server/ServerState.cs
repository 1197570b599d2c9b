using Projector.Server.Bookmarks;
using Projector.Server.Catalog;
using Projector.Server.Jobs;
using Projector.Server.Tags;
using Projector.Server.Uploads;

namespace Projector.Server;

/// <summary>Everything the endpoints share: the catalog, the served folders, bookmarks, tags, uploads and jobs.</summary>
internal sealed class ServerState : IDisposable
{
    public ServerState(ServerOptions options, DatasetCatalog catalog, ServedFolders folders)
    {
        Options = options;
        // First: a model that does not load stops the start before any thread is started.
        Model = options.ModelPath is { } model ? Placement.ServerModel.Open(model, options.ModelLayer) : null;
        Catalog = catalog;
        Folders = folders;
        StateFolder = options.ResolvedStateFolder;
        Bookmarks = new BookmarkStore(StateFolder, options.MaxBookmarksPerDataset);
        Tags = new TagStore(StateFolder);
        Compute = new Work.ComputeThreads(Math.Max(1, options.WorkerThreads));
        Jobs = new ProjectionJobs(options.MaxConcurrentJobs, options.MaxQueuedJobs, Compute);
        Uploads = new UploadStore(options, catalog, Bookmarks, Jobs.Uses, Tags.Forget);
        TileSet = options.TilesFolder is { } tiles ? new Tiles.ServedTiles(tiles, Core.Publishing.Tiles.TileSetReader.ReadManifest(tiles)) : null;
    }

    public ServerOptions Options { get; }

    public DatasetCatalog Catalog { get; }

    public ServedFolders Folders { get; }

    public string StateFolder { get; }

    public BookmarkStore Bookmarks { get; }

    public TagStore Tags { get; }

    public ProjectionJobs Jobs { get; }

    /// <summary>The threads that run projections' and PCA's parallel loops, away from the request thread pool.</summary>
    public Work.ComputeThreads Compute { get; }

    public UploadStore Uploads { get; }

    /// <summary>The tile set given with <c>--tiles</c>, or null.</summary>
    public Tiles.ServedTiles? TileSet { get; }

    /// <summary>The model given with <c>--model</c>, or null.</summary>
    public Placement.ServerModel? Model { get; }

    /// <summary>The dataset's metadata with its tags applied: what the metadata, search and cluster names see.</summary>
    public Core.Data.MetadataTable MetadataOf(CatalogEntry entry) => Tags.Apply(entry.Id, entry.Dataset.Metadata);

    /// <summary>
    /// The catalog item with the tag columns among its columns, once the dataset is read (before, the item
    /// the catalog knows: reading every tagged dataset to list the catalog would be slow).
    /// </summary>
    public Contracts.CatalogItem ItemOf(CatalogEntry entry)
    {
        var item = Catalog.ItemOf(entry);
        if (!entry.IsLoaded || Tags.Version(entry.Id) == 0)
        {
            return item;
        }

        var columns = MetadataOf(entry).Columns
            .Select(c => new Contracts.ColumnInfo(c.Name, c.Kind == Core.Data.MetadataKind.Number ? "number" : "text", c.DistinctCount, c.MissingCount))
            .ToList();
        return item with { Columns = columns };
    }

    /// <summary>
    /// At start: removes what a killed run left in the state folder (temporaries of saves and of uploads
    /// being received, upload folders that never got their manifest) and offers the kept uploads again.
    /// </summary>
    public void Restore(ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger<UploadStore>();
        var removed = StateCleanup.RemoveStaleTemporaries(StateFolder);
        if (removed > 0)
        {
            logger.LogWarning("Removed {Count} temporary files a stopped run left in the state folder", removed);
        }

        Uploads.Restore(logger);
        Jobs.Logger = loggers.CreateLogger<ProjectionJobs>();
    }

    public void Dispose()
    {
        Jobs.Dispose();
        Uploads.Dispose();
        Catalog.Dispose();
        Compute.Dispose();
        Model?.Dispose();
        TileSet?.Dispose();
    }
}
