using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Projector.Core.Formats;
using Projector.Server.Catalog;
using Projector.Server.Contracts;

namespace Projector.Server.Endpoints;

/// <summary>
/// <c>POST /api/datasets</c>: a tensor file of any single-file format the registry reads, with optional
/// metadata, shape and name, saved under the state folder and added to the catalog.
/// </summary>
internal static class UploadEndpoints
{
    // Every single-file format the library reads; a config names other files, which an upload cannot bring.
    private static readonly string[] TensorExtensions = [.. FormatRegistry.All.Where(f => !f.HoldsMany).SelectMany(f => f.Extensions).Distinct().Order(StringComparer.Ordinal)];

    public static void Map(WebApplication app)
    {
        app.MapPost("/api/datasets", Upload)
            .WithTags("Datasets")
            .WithSummary("Uploads a tensor (multipart: tensor, metadata, shape, name)")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<CatalogItem>(StatusCodes.Status201Created)
            .DisableAntiforgery();
    }

    private static async Task<IResult> Upload(HttpContext context, ServerState s)
    {
        var limit = s.Options.MaxUploadBytes;
        if (context.Request.ContentLength > limit)
        {
            throw TooLarge(s);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        if (!context.Request.HasFormContentType)
        {
            throw new ApiProblem(StatusCodes.Status415UnsupportedMediaType, "Upload the tensor as multipart/form-data with a 'tensor' file.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var tensor = form.Files["tensor"] ?? throw ApiProblem.BadRequest("The upload has no 'tensor' file.");
        var ext = Path.GetExtension(tensor.FileName).ToLowerInvariant();
        if (!TensorExtensions.Contains(ext))
        {
            throw ApiProblem.BadRequest($"The tensor file '{tensor.FileName}' is not one of {string.Join(", ", TensorExtensions)}.");
        }

        var shape = Shape(form["shape"].ToString());
        if (FormatRegistry.ForExtension(ext).Any(f => f.NeedsShape) && shape is null)
        {
            throw ApiProblem.BadRequest($"A {ext} tensor needs its shape as \"N,D\" (\"0,D\" counts the rows).");
        }

        var stem = CatalogIds.Slug(Path.GetFileNameWithoutExtension(tensor.FileName)) is { Length: > 0 } slug ? slug : "upload";
        var name = form["name"].ToString() is { Length: > 0 } given ? given.Trim() : Path.GetFileNameWithoutExtension(tensor.FileName);
        var folder = Path.Combine(s.StateFolder, "uploads", $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid():N}"[..24]);
        Directory.CreateDirectory(folder);
        try
        {
            var tensorPath = Path.Combine(folder, stem + ext);
            await Save(tensor, tensorPath, context.RequestAborted).ConfigureAwait(false);
            string? metadataPath = null;
            if (form.Files["metadata"] is { } metadata)
            {
                metadataPath = Path.Combine(folder, "metadata.tsv");
                await Save(metadata, metadataPath, context.RequestAborted).ConfigureAwait(false);
            }

            var options = ReadOptions.Default with { Shape = shape, MetadataPath = metadataPath };
            var dataset = await Task.Run(() => DatasetReader.Read(tensorPath, options)).ConfigureAwait(false);
            var source = $"upload:{name}";
            var spec = new CatalogSpec([name], name, source, source, stem, null, null, tensorPath, options);
            var entry = s.Catalog.AddDataset(spec, dataset);
            return Results.Json(entry.Item(), ServerJson.Options, statusCode: StatusCodes.Status201Created);
        }
        catch
        {
            TryDelete(folder);
            throw;
        }
    }

    private static async Task Save(IFormFile file, string path, CancellationToken cancellationToken)
    {
        var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using (output.ConfigureAwait(false))
        {
            await file.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
        }
    }

    private static (int Rows, int Dimensions)? Shape(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parts = text.Split([',', 'x', 'X'], StringSplitOptions.TrimEntries);
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            && d > 0
            ? (n, d)
            : throw ApiProblem.BadRequest($"The shape '{text}' is not two integers like 100,50.");
    }

    private static ApiProblem TooLarge(ServerState s) =>
        new(StatusCodes.Status413PayloadTooLarge, $"The upload is larger than the limit of {s.Options.MaxUploadMegabytes} MB; start the server with a larger --max-upload-mb.");

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is removed with the next clean-up of the state folder, not worth failing the answer for.
        }
    }
}
