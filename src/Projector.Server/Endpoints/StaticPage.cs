using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Projector.Server.Endpoints;

/// <summary>
/// The page: files of the web root, <c>index.html</c> at <c>/</c>; when the page has not been built,
/// <c>/</c> says so and how to build it. With a tile set, its files are served under <c>/tiles/</c>
/// (only the folder's own files: the provider refuses paths out of it and hidden files) and <c>/</c> is
/// the tile page.
/// </summary>
internal static class StaticPage
{
    private const string NotBuilt = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>projector</title></head>
        <body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
        <h1>The page is not built</h1>
        <p>The server is running and its API answers under <a href="/api/datasets">/api/datasets</a>
        (described at <a href="/openapi/v1.json">/openapi/v1.json</a>), but the web page was not found in
        its web root.</p>
        <p>Build it with <code>dotnet build</code> at the top of the repository (it needs npm), or point the
        server at a folder holding <code>index.html</code> with <code>projector serve --web-root DIR</code>.</p>
        </body></html>
        """;

    public static void Use(WebApplication app, string webRoot, string? tilesFolder = null)
    {
        var root = Path.GetFullPath(webRoot);
        if (Directory.Exists(root))
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(root) });
        }

        if (tilesFolder is not null)
        {
            var types = new FileExtensionContentTypeProvider();
            types.Mappings[".arrow"] = "application/vnd.apache.arrow.file";
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(Path.GetFullPath(tilesFolder)), RequestPath = "/tiles", ContentTypeProvider = types });
        }

        var index = Path.Combine(root, tilesFolder is null ? "index.html" : "tiles.html");
        app.MapGet("/", () => File.Exists(index)
            ? Results.File(index, "text/html; charset=utf-8")
            : Results.Content(NotBuilt, "text/html; charset=utf-8"))
            .ExcludeFromDescription();

        // The page reads site.json beside itself to learn where its data is: an exported site names
        // its files, the server its API. Answering here also spares the page a 404 on every start.
        app.MapGet("/site.json", () => Results.Json(new SiteInfo(1, "projector", "api/", tilesFolder is null ? null : "tiles/tiles.json")))
            .ExcludeFromDescription();
    }

    private sealed record SiteInfo(int Version, string Generator, string Api, string? Tiles);
}
