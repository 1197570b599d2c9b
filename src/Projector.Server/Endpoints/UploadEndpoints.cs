using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Projector.Core.Formats;
using Projector.Server.Contracts;
using Projector.Server.Uploads;

namespace Projector.Server.Endpoints;

/// <summary>
/// <c>POST /api/datasets</c>: a tensor file of any single-file format the registry reads, with optional
/// metadata, shape and name, received straight into the state folder, kept there (within the caps on
/// uploads) and added to the catalog.
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
            throw UploadForm.TooLarge(s.Options);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        using var staging = s.Uploads.Stage();
        var form = await UploadForm.ReadAsync(context.Request, staging.Path, TensorExtensions, s.Options, context.RequestAborted).ConfigureAwait(false);
        var tensor = form.Tensor ?? throw ApiProblem.BadRequest("The upload has no 'tensor' file.");
        var shape = Shape(form.Shape);
        var ext = Path.GetExtension(tensor.Path);
        if (FormatRegistry.ForExtension(ext).Any(f => f.NeedsShape) && shape is null)
        {
            throw ApiProblem.BadRequest($"A {ext} tensor needs its shape as \"N,D\" (\"0,D\" counts the rows).");
        }

        var name = form.Name is { Length: > 0 } given ? given : Path.GetFileNameWithoutExtension(tensor.GivenName);
        var item = await s.Uploads.AddAsync(staging, form, name, shape, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(item, ServerJson.Options, statusCode: StatusCodes.Status201Created);
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
            : throw ApiProblem.BadRequest($"The shape '{UploadNames.OneLine(text)}' is not two integers like 100,50.");
    }
}
