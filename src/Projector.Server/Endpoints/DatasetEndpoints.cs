using System.IO.Pipelines;
using System.Runtime.InteropServices;
using System.Text.Json;
using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Server.Contracts;
using Projector.Server.Work;

namespace Projector.Server.Endpoints;

/// <summary>The catalog, each dataset's matrix (raw float32), metadata and sprite, opening more under a served folder, and the formats read.</summary>
internal static class DatasetEndpoints
{
    // 1 MiB per write: large enough to keep the socket busy, small enough to never copy the whole matrix.
    private const int ChunkBytes = 1 << 20;

    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/datasets").WithTags("Datasets");
        api.MapGet("/", (ServerState s) => s.Catalog.Entries.Select(s.ItemOf).ToList())
            .WithSummary("Every catalog item");
        api.MapGet("/{id}", (string id, ServerState s) => s.ItemOf(s.Catalog.Get(id)))
            .WithSummary("One catalog item");
        api.MapGet("/{id}/matrix", Matrix)
            .WithSummary("N x D float32, little-endian, row-major")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream");
        api.MapGet("/{id}/metadata", Metadata)
            .WithSummary("Every metadata column with its values");
        api.MapGet("/{id}/sprite", Sprite)
            .WithSummary("The sprite sheet as PNG")
            .Produces(StatusCodes.Status200OK, contentType: "image/png");
        app.MapGet("/api/formats", () => FormatRegistry.All.Select(f => new FormatInfo(f.Name, f.Description, f.Extensions, f.CanWrite, !f.HoldsMany, f.NeedsShape)).ToList())
            .WithTags("Datasets")
            .WithSummary("The file formats the server reads (and which an upload takes)");
        api.MapPost("/open", Open)
            .WithSummary("Opens a file or folder under a served folder")
            .Produces<List<CatalogItem>>(StatusCodes.Status201Created);
    }

    private static async Task Matrix(string id, HttpContext context, ServerState s)
    {
        var matrix = s.Catalog.Get(id).Dataset.Matrix;
        await WriteFloats(context, matrix, new Dictionary<string, string>
        {
            ["X-Points"] = matrix.Rows.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["X-Dimensions"] = matrix.Dimensions.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).ConfigureAwait(false);
    }

    /// <summary>Streams a matrix straight from its memory in chunks, without a copy of the whole.</summary>
    internal static async Task WriteFloats(HttpContext context, EmbeddingMatrix matrix, Dictionary<string, string> headers)
    {
        var response = context.Response;
        response.ContentType = "application/octet-stream";
        response.ContentLength = matrix.Length * sizeof(float);
        foreach (var (name, value) in headers)
        {
            response.Headers[name] = value;
        }

        var rowBytes = matrix.Dimensions * sizeof(float);
        var rowsPerChunk = Math.Max(1, ChunkBytes / rowBytes);
        for (var start = 0; start < matrix.Rows; start += rowsPerChunk)
        {
            var count = Math.Min(rowsPerChunk, matrix.Rows - start);
            Copy(response.BodyWriter, matrix, start, count);
            var flushed = await response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            if (flushed.IsCanceled || flushed.IsCompleted)
            {
                return;
            }
        }
    }

    private static void Copy(PipeWriter writer, EmbeddingMatrix matrix, int start, int count)
    {
        var bytes = MemoryMarshal.AsBytes(matrix.RowBlock(start, count));
        bytes.CopyTo(writer.GetSpan(bytes.Length));
        writer.Advance(bytes.Length);
    }

    private static async Task Metadata(string id, HttpContext context, ServerState s, WorkPool pool)
    {
        var entry = s.Catalog.Get(id);
        var metadata = s.MetadataOf(entry);
        // The page opens a dataset with its metadata: prepare its default t-SNE meanwhile, at low priority.
        s.Jobs.Warm(entry, pool);
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.BodyWriter);
        await MetadataJson.WriteAsync(json, metadata, context.RequestAborted).ConfigureAwait(false);
    }

    private static IResult Sprite(string id, ServerState s)
    {
        var sprite = s.Catalog.Get(id).Dataset.Sprite ?? throw ApiProblem.NotFound($"The dataset '{id}' has no sprite sheet.");
        return sprite.SourcePath is { } path && SpritePng.IsPngFile(path)
            ? Results.File(path, "image/png")
            : Results.Bytes(SpritePng.Encode(sprite), "image/png");
    }

    private static async Task<IResult> Open(OpenRequest request, ServerState s)
    {
        var path = s.Folders.Resolve(request.Path ?? string.Empty);
        var entries = await Task.Run(() =>
        {
            s.Folders.CheckConfigFiles(path);
            return s.Catalog.AddInput(path);
        }).ConfigureAwait(false);
        return Results.Json(entries.Select(s.Catalog.ItemOf).ToList(), ServerJson.Options, statusCode: StatusCodes.Status201Created);
    }
}
