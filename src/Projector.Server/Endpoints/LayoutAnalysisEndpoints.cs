using System.Globalization;
using System.Runtime.InteropServices;
using Projector.Core.Data;
using Projector.Core.Quality;
using Projector.Server.Contracts;
using Projector.Server.Jobs;
using Projector.Server.Work;

namespace Projector.Server.Endpoints;

/// <summary>
/// What a finished layout shows: its clusters with their names, and how well it keeps the input's
/// neighbourhoods (the figures of <c>projector project --quality</c>, and per point). Computed on the
/// <see cref="AnalysisPool"/> (one thread, so a long measurement never holds the workers that start
/// projections; a full queue is a 503) and cached by layout and options.
/// </summary>
internal static class LayoutAnalysisEndpoints
{
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/projections/{id}").WithTags("Projections");
        api.MapGet("/clusters", Clusters)
            .WithSummary("The clusters of a finished layout (HDBSCAN on the positions) and their names from the metadata")
            .AnswersBusy();
        api.MapGet("/clusters/points", ClusterPoints)
            .WithSummary("The cluster of each point, N int32 (−1 for noise), little-endian")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .AnswersBusy();
        api.MapGet("/quality", Quality)
            .WithSummary("kNN preservation, trustworthiness and label accuracy of a finished layout (k = 10), as projector project --quality")
            .AnswersBusy();
        api.MapGet("/quality/points", QualityPoints)
            .WithSummary("Per point, the share of its 10 input-space neighbours kept in the layout, N float32, little-endian")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .AnswersBusy();
    }

    private static async Task<ClustersAnswer> Clusters(string id, int? minClusterSize, int? minSamples, string? labelColumn, int? dims, ServerState s, AnalysisPool analyses, HttpContext context)
    {
        var (job, result, used) = await FindClusters(id, minClusterSize, minSamples, labelColumn, dims, s, analyses.Pool, context).ConfigureAwait(false);
        var items = result.Clusters.Select(c => new ClusterItem(c.Id, c.Size, c.Medoid, c.Center, c.Label, [.. c.Terms.Select(t => new ClusterTermItem(t.Column, t.Text, t.Score))])).ToList();
        return new ClustersAnswer(job.Id, result.Assignments.Length, used, result.MinClusterSize, result.MinSamples, result.Noise, items);
    }

    private static async Task ClusterPoints(string id, int? minClusterSize, int? minSamples, string? labelColumn, int? dims, ServerState s, AnalysisPool analyses, HttpContext context)
    {
        var (_, result, _) = await FindClusters(id, minClusterSize, minSamples, labelColumn, dims, s, analyses.Pool, context).ConfigureAwait(false);
        await WriteBytes(context, MemoryMarshal.AsBytes(result.Assignments.AsSpan()).ToArray(), result.Assignments.Length).ConfigureAwait(false);
    }

    private static async Task<QualityAnswer> Quality(string id, string? labels, ServerState s, AnalysisPool analyses, HttpContext context)
    {
        var (job, detail) = await FindQuality(id, labels, s, analyses.Pool, context).ConfigureAwait(false);
        var r = detail.Summary;
        return new QualityAnswer(job.Id, detail.NeighborhoodKept.Length, r.KnnPreservation, r.Trustworthiness, r.LabelAccuracy, r.SampleSize, detail.K, detail.Exact, detail.InputRecall);
    }

    private static async Task QualityPoints(string id, string? labels, ServerState s, AnalysisPool analyses, HttpContext context)
    {
        var (_, detail) = await FindQuality(id, labels, s, analyses.Pool, context).ConfigureAwait(false);
        await WriteBytes(context, MemoryMarshal.AsBytes(detail.NeighborhoodKept.AsSpan()).ToArray(), detail.NeighborhoodKept.Length).ConfigureAwait(false);
    }

    private static async Task<(ProjectionJob Job, ClusterResult Result, int Dims)> FindClusters(string id, int? minClusterSize, int? minSamples, string? labelColumn, int? dims, ServerState s, WorkPool pool, HttpContext context)
    {
        var (job, frame) = Finished(s, id);
        var used = dims ?? (frame.Dimensions <= 3 ? frame.Dimensions : 2);
        if (used is not (2 or 3) || used > frame.Dimensions)
        {
            throw ApiProblem.BadRequest($"dims must be 2{(frame.Dimensions >= 3 ? " or 3" : string.Empty)} for this layout, not {used}.");
        }

        if (minClusterSize is < 2 || minSamples is < 1 or > 100)
        {
            throw ApiProblem.BadRequest("minClusterSize must be at least 2 and minSamples between 1 and 100.");
        }

        var entry = job.Plan.Entry;
        var key = $"{LayoutKey(job)}|clusters|{used}|{minClusterSize}|{minSamples}|{labelColumn}|{s.Tags.Version(entry.Id)}";
        if (s.Jobs.Analyses.TryGet<ClusterResult>(key, out var cached))
        {
            return (job, cached, used);
        }

        var result = await pool.RunAsync(ct =>
        {
            var metadata = Rows(s.MetadataOf(entry), job.Plan.Indices);
            if (labelColumn is not null && metadata[labelColumn] is null)
            {
                throw ApiProblem.BadRequest($"There is no metadata column '{labelColumn}'; columns: {string.Join(", ", metadata.Columns.Select(c => c.Name))}.");
            }

            var options = new ClusterOptions { MinClusterSize = minClusterSize, MinSamples = minSamples ?? ClusterOptions.Default.MinSamples, LabelColumn = labelColumn, Threads = 1 };
            return LayoutClusters.Find(FirstColumns(frame.Positions, frame.Dimensions, used), used, metadata, options, null, ct);
        }, context.RequestAborted).ConfigureAwait(false);
        s.Jobs.Analyses.Set(key, result);
        return (job, result, used);
    }

    private static async Task<(ProjectionJob Job, LayoutQualityDetail Detail)> FindQuality(string id, string? labels, ServerState s, WorkPool pool, HttpContext context)
    {
        var (job, frame) = Finished(s, id);
        var entry = job.Plan.Entry;
        var dims = Math.Min(frame.Dimensions, job.Plan.Method == "pca" ? 2 : frame.Dimensions);
        var key = $"{LayoutKey(job)}|quality|{labels}|{(labels is null ? 0 : s.Tags.Version(entry.Id))}";
        if (s.Jobs.Analyses.TryGet<LayoutQualityDetail>(key, out var cached))
        {
            return (job, cached);
        }

        var detail = await pool.RunAsync(ct =>
        {
            IReadOnlyList<string?>? labelValues = null;
            if (labels is not null)
            {
                labelValues = Rows(s.MetadataOf(entry), job.Plan.Indices)[labels]?.Values
                    ?? throw ApiProblem.BadRequest($"There is no metadata column '{labels}' to score label accuracy by.");
            }

            var dataset = entry.Dataset;
            using var subset = job.Plan.Indices is { } rows ? RowsOf(dataset.Matrix, rows) : null;
            var options = QualityOptions.Default with { Threads = 1 };
            return LayoutQuality.MeasurePoints(subset ?? dataset.Matrix, FirstColumns(frame.Positions, frame.Dimensions, dims), dims, labelValues, options, ct);
        }, context.RequestAborted).ConfigureAwait(false);
        s.Jobs.Analyses.Set(key, detail);
        return (job, detail);
    }

    /// <summary>The job and its final frame; 409 while it runs, 422 when it failed.</summary>
    private static (ProjectionJob Job, Core.Projections.ProjectionFrame Frame) Finished(ServerState s, string id)
    {
        var job = s.Jobs.Get(id);
        var info = job.Info();
        if (info.Status == "failed")
        {
            throw new ApiProblem(StatusCodes.Status422UnprocessableEntity, $"The job '{id}' failed; it has no layout to analyse.");
        }

        if (!job.IsFinished)
        {
            throw new ApiProblem(StatusCodes.Status409Conflict, $"The job '{id}' is still {info.Status}; ask again when it is done (or stop it).");
        }

        if (job.LatestFrame is not { } frame)
        {
            throw new ApiProblem(StatusCodes.Status409Conflict, $"The job '{id}' was stopped before its first layout; start it again.");
        }

        return (job, frame);
    }

    // A layout run to its end is the cached one of its recipe (whichever job found it); a stopped one is its job's own.
    private static string LayoutKey(ProjectionJob job) => job.Info().Status == "done" ? job.Plan.CacheKey : job.Id;

    private static float[] FirstColumns(float[] positions, int dims, int used)
    {
        if (used == dims)
        {
            return positions;
        }

        var n = positions.Length / dims;
        var result = new float[n * used];
        for (var i = 0; i < n; i++)
        {
            positions.AsSpan(i * dims, used).CopyTo(result.AsSpan(i * used, used));
        }

        return result;
    }

    private static MetadataTable Rows(MetadataTable metadata, int[]? rows) =>
        rows is null ? metadata : new MetadataTable(rows.Length, metadata.Columns.Select(c => new MetadataColumn(c.Name, [.. rows.Select(i => c[i])])));

    private static EmbeddingMatrix RowsOf(EmbeddingMatrix matrix, int[] rows)
    {
        var d = matrix.Dimensions;
        var values = new float[(long)rows.Length * d];
        for (var i = 0; i < rows.Length; i++)
        {
            matrix.Row(rows[i]).CopyTo(values.AsSpan(i * d, d));
        }

        return EmbeddingMatrix.FromArray(values, rows.Length, d);
    }

    private static async Task WriteBytes(HttpContext context, byte[] bytes, int points)
    {
        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = bytes.Length;
        context.Response.Headers["X-Points"] = points.ToString(CultureInfo.InvariantCulture);
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }
}
