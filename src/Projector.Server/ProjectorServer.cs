using System.Net;
using Microsoft.AspNetCore.Http.Features;
using Projector.Demos;
using Projector.Server.Catalog;
using Projector.Server.Endpoints;

namespace Projector.Server;

/// <summary>
/// The HTTP server of <c>projector serve</c>: the catalog, matrices, metadata, sprites, neighbours,
/// search, projection jobs (with a WebSocket of frames) with their clusters and quality, bookmarks, tags, uploads and the page, as
/// <c>docs/api.md</c> describes. The OpenAPI document is at <c>/openapi/v1.json</c>.
/// </summary>
public static class ProjectorServer
{
    /// <summary>The input served when none is given.</summary>
    public const string DefaultInput = "demo:mnist";

    /// <summary>
    /// Builds the server: discovers the embeddings of every input (reading no tensor yet) and wires
    /// the endpoints. Start it with <c>RunAsync</c> or <c>StartAsync</c>; the bound address is in
    /// <c>Urls</c> afterwards.
    /// </summary>
    /// <exception cref="Core.DataFormatException">An input cannot be read.</exception>
    public static WebApplication Build(ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        DemoSources.Register();
        if (options.TilesFolder is { } tiles)
        {
            // Read once up front: a damaged tiles.json stops the start with its one line, not every page load.
            Core.Publishing.Tiles.TileSetReader.ReadManifest(tiles);
        }

        var catalog = new DatasetCatalog(Confinement(options));
        try
        {
            var inputs = options.Paths.Count == 0 && options.LogDir is null && options.TilesFolder is null ? [DefaultInput] : options.Paths;
            foreach (var input in inputs)
            {
                catalog.AddInput(input);
            }

            if (options.LogDir is { } logDir)
            {
                catalog.AddInput(logDir);
            }
        }
        catch
        {
            catalog.Dispose();
            throw;
        }

        var folders = new ServedFolders(options.Paths.Where(Directory.Exists).Concat(options.LogDir is { } l ? [l] : []));
        var state = new ServerState(options, catalog, folders);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddSimpleConsole(c => c.SingleLine = true);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(Address(options.Host), options.Port);
            k.Limits.MaxRequestBodySize = options.MaxUploadBytes + (1 << 20);
        });
        builder.Services.Configure<FormOptions>(f => Uploads.UploadForm.Configure(f, options));
        builder.Services.ConfigureHttpJsonOptions(j => ServerJson.Configure(j.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(state);
        builder.Services.AddSingleton(_ => new Work.WorkPool(options.WorkerThreads, options.WorkQueueLength, TimeSpan.FromSeconds(1), state.Compute));
        builder.Services.AddSingleton(_ => new Work.AnalysisPool(new Work.WorkPool(1, options.WorkQueueLength, TimeSpan.FromSeconds(1), state.Compute)));
        builder.Services.Configure<RouteHandlerOptions>(r => r.ThrowOnBadRequest = true);

        var app = builder.Build();
        state.Restore(app.Services.GetRequiredService<ILoggerFactory>());
        app.Lifetime.ApplicationStopping.Register(state.Jobs.StopAll);
        app.Lifetime.ApplicationStopped.Register(state.Dispose);
        app.UseMiddleware<ProblemMiddleware>();
        app.UseWebSockets();
        app.UseMiddleware<CrossSiteGuard>();
        app.UseStatusCodePages();
        StaticPage.Use(app, options.WebRoot ?? ServerOptions.DefaultWebRoot, options.TilesFolder);
        app.MapOpenApi();
        DatasetEndpoints.Map(app);
        UploadEndpoints.Map(app);
        NeighborEndpoints.Map(app);
        SearchEndpoints.Map(app);
        ProjectionEndpoints.Map(app);
        PlaceEndpoints.Map(app);
        BookmarkEndpoints.Map(app);
        TagEndpoints.Map(app);
        LayoutAnalysisEndpoints.Map(app);
        TileEndpoints.Map(app);
        return app;
    }

    // Files a config names must lie in the folders the user gave (a file input gives its folder).
    private static Core.Formats.FileConfinement Confinement(ServerOptions options)
    {
        var roots = options.Paths
            .Where(p => !p.StartsWith("demo:", StringComparison.Ordinal))
            .Select(p => Directory.Exists(p) ? p : Path.GetDirectoryName(Path.GetFullPath(p)) ?? p)
            .Concat(options.LogDir is { } l ? [l] : [])
            .Select(Path.GetFullPath)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new Core.Formats.FileConfinement(roots) { AlsoAllowed = [.. options.AllowOutside.Select(Path.GetFullPath)] };
    }

    /// <summary>How many catalog items a server built by <see cref="Build"/> offers.</summary>
    public static int DatasetCount(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<ServerState>().Catalog.Entries.Count;
    }

    /// <summary>The port a started server listens on (the chosen one when it was started with port 0).</summary>
    public static int BoundPort(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Urls.Select(u => new Uri(u.Replace("*", "localhost", StringComparison.Ordinal)).Port).First();
    }

    /// <summary>True for the loopback names and addresses (<c>127.0.0.1</c>, <c>localhost</c>, <c>::1</c>).</summary>
    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static IPAddress Address(string host)
    {
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        if (host is "*" or "+")
        {
            return IPAddress.Any;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var ip)
            ? ip
            : Dns.GetHostAddresses(host).FirstOrDefault() ?? throw new ArgumentException($"The host '{host}' has no address.", nameof(host));
    }
}
