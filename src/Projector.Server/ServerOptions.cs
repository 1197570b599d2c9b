namespace Projector.Server;

/// <summary>What <see cref="ProjectorServer"/> serves and where it listens.</summary>
public sealed record ServerOptions
{
    /// <summary>Inputs given at start: files, folders, standalone configs, log dirs or <c>demo:</c> names.</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>A TensorBoard log dir served as one item per (run, tensor, step), or null.</summary>
    public string? LogDir { get; init; }

    /// <summary>The address to bind; 127.0.0.1 unless told otherwise.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>
    /// True when the server was opened to the network on purpose (<c>--allow-remote</c>): requests may
    /// then name this machine by any host name.
    /// </summary>
    public bool AllowRemote { get; init; }

    /// <summary>The port to bind; 0 lets the system choose a free one.</summary>
    public int Port { get; init; } = 6006;

    /// <summary>Where bookmarks and uploads are kept; null means <see cref="DefaultStateFolder"/>.</summary>
    public string? StateFolder { get; init; }

    /// <summary>The largest upload accepted, in megabytes (2^20 bytes).</summary>
    public int MaxUploadMegabytes { get; init; } = 512;

    /// <summary>
    /// A tile set's folder (written by <c>projector export --format tiles</c>) served under <c>/tiles/</c>, with
    /// the tile page at <c>/</c>; null serves none.
    /// </summary>
    public string? TilesFolder { get; init; }

    /// <summary>The folder the page is served from; null means <c>wwwroot</c> beside the server assembly.</summary>
    public string? WebRoot { get; init; }

    /// <summary>Projection jobs computing at the same time; the others wait in a queue.</summary>
    public int MaxConcurrentJobs { get; init; } = 2;

    /// <summary>
    /// Folders outside the given inputs that files named by their configs may come from
    /// (<c>--allow-outside</c>); any other file a config names outside the inputs' folders is refused.
    /// </summary>
    public IReadOnlyList<string> AllowOutside { get; init; } = [];

    /// <summary>
    /// An ONNX model (<c>--model</c>) whose <see cref="ModelLayer"/> gives vectors in the served datasets' space:
    /// images and model-input rows sent to <c>POST /api/projections/{id}/place</c> go through it first.
    /// </summary>
    public string? ModelPath { get; init; }

    /// <summary>The model's layer to take (<c>--layer</c>); null takes the model's first output.</summary>
    public string? ModelLayer { get; init; }

    /// <summary>New rows one place request may carry.</summary>
    public int MaxPlacedRows { get; init; } = 1024;

    /// <summary>The state folder used when none is given: the user's local application data.</summary>
    public static string DefaultStateFolder =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "projector", "state");

    /// <summary>The web root used when none is given.</summary>
    public static string DefaultWebRoot => Path.Combine(AppContext.BaseDirectory, "wwwroot");

    /// <summary>The state folder in use.</summary>
    public string ResolvedStateFolder => Path.GetFullPath(StateFolder ?? DefaultStateFolder);

    /// <summary>The upload limit in bytes.</summary>
    public long MaxUploadBytes => (long)MaxUploadMegabytes * 1024 * 1024;

    /// <summary>
    /// Uploads kept in the state folder. When one more would pass this, the oldest uploads that no
    /// running projection or open request uses are removed; when none can be, the upload is refused (507).
    /// </summary>
    public int MaxUploads { get; init; } = 100;

    /// <summary>
    /// What every upload kept in the state folder may take together, in megabytes (2^20 bytes). When one
    /// more would pass this, the oldest uploads not in use are removed; when none can be, the upload is
    /// refused (507); a single upload larger than this is refused at once (413).
    /// </summary>
    public int MaxUploadStorageMegabytes { get; init; } = 4096;

    /// <summary>Bookmarks saved per dataset; one more is refused (413) until some are deleted.</summary>
    public int MaxBookmarksPerDataset { get; init; } = 1000;

    /// <summary>The upload storage limit in bytes.</summary>
    public long MaxUploadStorageBytes => (long)MaxUploadStorageMegabytes * 1024 * 1024;

    /// <summary>
    /// Threads that compute neighbours, searches and the start of projections (PCA, custom axes); one per
    /// core by default. Other requests never wait for them.
    /// </summary>
    public int WorkerThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>Heavy requests (neighbours, search, starting projections) that may wait for a worker; more are answered 503.</summary>
    public int WorkQueueLength { get; init; } = 8 * Environment.ProcessorCount;

    /// <summary>t-SNE and UMAP jobs that may wait for one of the <see cref="MaxConcurrentJobs"/> slots; starting more is answered 503.</summary>
    public int MaxQueuedJobs { get; init; } = 32;
}
