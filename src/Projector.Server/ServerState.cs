using Projector.Server.Bookmarks;
using Projector.Server.Catalog;
using Projector.Server.Jobs;

namespace Projector.Server;

/// <summary>Everything the endpoints share: the catalog, the served folders, bookmarks and jobs.</summary>
internal sealed class ServerState(ServerOptions options, DatasetCatalog catalog, ServedFolders folders) : IDisposable
{
    public ServerOptions Options { get; } = options;

    public DatasetCatalog Catalog { get; } = catalog;

    public ServedFolders Folders { get; } = folders;

    public string StateFolder { get; } = options.ResolvedStateFolder;

    public BookmarkStore Bookmarks { get; } = new(options.ResolvedStateFolder);

    public ProjectionJobs Jobs { get; } = new(options.MaxConcurrentJobs, options.MaxQueuedJobs);

    public void Dispose()
    {
        Jobs.Dispose();
        Catalog.Dispose();
    }
}
