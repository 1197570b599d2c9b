using System.Globalization;
using System.Runtime.InteropServices;
using Projector.Core;
using Projector.Core.Data;
using Projector.Core.Projections;
using Projector.Server.Contracts;
using Projector.Server.Jobs;
using Projector.Server.Placement;
using Projector.Server.Uploads;
using Projector.Server.Work;

namespace Projector.Server.Endpoints;

/// <summary>
/// New items placed into a finished layout without recomputing it: vectors of the dataset's space, or
/// images and model-input rows run through the model given with <c>serve --model</c> first.
/// </summary>
internal static class PlaceEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/api/projections/{id}/place", Place)
            .WithTags("Projections")
            .WithSummary("Places new rows (float32 body, ?dims=D) or images (multipart 'image' files, with serve --model) into the job's finished layout")
            .Accepts<byte[]>("application/octet-stream", "multipart/form-data")
            .Produces<PlaceAnswer>()
            .AnswersBusy();
        app.MapGet("/api/model", (ServerState s) => new ModelInfo(s.Model?.Name, s.Model?.Layer))
            .WithTags("Projections")
            .WithSummary("The model images are embedded with before they are placed; null fields without serve --model");
    }

    private static async Task<PlaceAnswer> Place(string id, int? dims, int? k, HttpContext context, ServerState s, WorkPool pool)
    {
        var model = s.Model;
        var job = s.Jobs.Get(id);
        var plan = job.Plan;
        if (plan.Recipe is not { } recipe)
        {
            throw ApiProblem.BadRequest("New items can be placed into PCA, t-SNE and UMAP layouts, not into custom axes.");
        }

        if (job.Info().Status != "done" || job.LatestFrame is not { } layout)
        {
            throw ApiProblem.Conflict($"The layout of job '{id}' is not finished; place new items once it is done (or stopped and restarted to the end).");
        }

        var neighbors = Math.Clamp(k ?? ProjectionRecipe.PlacedNeighbors, 0, 100);
        var dataset = plan.Entry.Dataset;
        var ct = context.RequestAborted;
        var isMultipart = context.Request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true;
        if (isMultipart)
        {
            if (model is null)
            {
                throw ApiProblem.BadRequest("This server has no model to turn images into vectors; start it with --model MODEL.onnx (and --layer NAME), or send vectors of the dataset's space.");
            }

            using var staging = s.Uploads.Stage();
            var names = await UploadForm.ReadImagesAsync(context.Request, staging.Path, s.Options.MaxPlacedRows, s.Options, ct).ConfigureAwait(false);
            return await pool.RunAsync(c => Answer(recipe, dataset.Matrix, layout, Embed(model, () => model.EmbedImages(staging.Path, c), names.Count == 1 ? names[0] : $"{names.Count} images"), true, neighbors, s, plan, c), ct).ConfigureAwait(false);
        }

        var rows = await ReadRows(context, dims, s.Options).ConfigureAwait(false);
        using var matrix = EmbeddingMatrix.FromArray(rows.Values, rows.Count, rows.Dims);
        if (rows.Dims == dataset.Dimensions)
        {
            return await pool.RunAsync(c => Answer(recipe, dataset.Matrix, layout, matrix, false, neighbors, s, plan, c), ct).ConfigureAwait(false);
        }

        if (model is null)
        {
            throw ApiProblem.BadRequest($"The rows have {rows.Dims} values each but the dataset's rows have {dataset.Dimensions}; send vectors of the dataset's space, or start the server with --model to embed model inputs.");
        }

        return await pool.RunAsync(c => Answer(recipe, dataset.Matrix, layout, Embed(model, () => model.EmbedRows(matrix, c), "the rows"), true, neighbors, s, plan, c), ct).ConfigureAwait(false);
    }

    private static EmbeddingMatrix Embed(ServerModel model, Func<Dataset> embed, string what)
    {
        try
        {
            return embed().Matrix;
        }
        catch (DataFormatException e)
        {
            throw ApiProblem.BadRequest($"{model.Name} could not embed {what}: {e.Message}");
        }
    }

    private static PlaceAnswer Answer(ProjectionRecipe recipe, EmbeddingMatrix data, ProjectionFrame layout, EmbeddingMatrix rows, bool embedded, int neighbors, ServerState s, ProjectionPlan plan, CancellationToken ct)
    {
        try
        {
            if (rows.Dimensions != data.Dimensions)
            {
                throw ApiProblem.BadRequest($"The model's layer gives {rows.Dimensions} values per item but the dataset's rows have {data.Dimensions}: serve the dataset the model and layer made, or choose that layer with --layer.");
            }

            PlacedRows placed;
            try
            {
                placed = recipe.Place(data, layout, rows, neighbors, s.Jobs.Inputs.For(plan.Entry.Id), null, cancellationToken: ct);
            }
            catch (ArgumentException e)
            {
                throw ApiProblem.BadRequest(e.Message);
            }

            var bytes = MemoryMarshal.AsBytes(placed.Positions.AsSpan());
            if (!BitConverter.IsLittleEndian)
            {
                throw new PlatformNotSupportedException("Positions are sent little-endian.");
            }

            return new PlaceAnswer(
                placed.Points,
                placed.Dimensions,
                Convert.ToBase64String(bytes),
                embedded,
                [.. placed.Neighbors.Select(list => (IReadOnlyList<NeighborItem>)[.. list.Select(n => new NeighborItem(n.Index, n.Distance))])]);
        }
        finally
        {
            if (embedded)
            {
                rows.Dispose();
            }
        }
    }

    private static async Task<(float[] Values, int Count, int Dims)> ReadRows(HttpContext context, int? dims, ServerOptions options)
    {
        if (dims is not > 0)
        {
            throw ApiProblem.BadRequest("Say how many values each row has with ?dims=D (the body is float32 little-endian, row after row).");
        }

        var limit = (long)options.MaxPlacedRows * dims.Value * sizeof(float);
        using var body = new MemoryStream();
        var buffer = new byte[1 << 16];
        while (true)
        {
            var n = await context.Request.Body.ReadAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            body.Write(buffer, 0, n);
            if (body.Length > limit)
            {
                throw ApiProblem.TooLarge(string.Create(CultureInfo.InvariantCulture, $"The body holds more than {options.MaxPlacedRows} rows of {dims} float32 values; send at most {options.MaxPlacedRows} at a time."));
            }
        }

        var rowBytes = dims.Value * sizeof(float);
        if (body.Length == 0 || body.Length % rowBytes != 0)
        {
            throw ApiProblem.BadRequest(string.Create(CultureInfo.InvariantCulture, $"The body has {body.Length} bytes, not a whole number of rows of {dims} float32 values ({rowBytes} bytes each)."));
        }

        var values = MemoryMarshal.Cast<byte, float>(body.GetBuffer().AsSpan(0, (int)body.Length)).ToArray();
        var bad = Array.FindIndex(values, v => !float.IsFinite(v));
        if (bad >= 0)
        {
            throw ApiProblem.BadRequest(string.Create(CultureInfo.InvariantCulture, $"Row {bad / dims.Value}, value {bad % dims.Value} of the body is not a finite number (byte offset {bad * sizeof(float)})."));
        }

        return (values, values.Length / dims.Value, dims.Value);
    }
}
