using System.Globalization;
using Projector.Core.Data;
using Projector.Server.Contracts;
using Projector.Server.Jobs;
using Projector.Server.Work;

namespace Projector.Server.Endpoints;

/// <summary>Projection jobs: start, look, pause, resume, stop, the latest layout, and a WebSocket of frames.</summary>
internal static class ProjectionEndpoints
{
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/projections").WithTags("Projections");
        api.MapPost("/", Start)
            .WithSummary("Starts a projection; 200 when the job is already done (cached, PCA, custom axes), else 202")
            .Produces<JobInfo>(StatusCodes.Status200OK)
            .Produces<JobInfo>(StatusCodes.Status202Accepted)
            .AnswersBusy();
        api.MapGet("/{id}", (string id, ServerState s) => s.Jobs.Get(id).Info())
            .WithSummary("The job");
        api.MapGet("/{id}/layout", Layout)
            .WithSummary("The latest positions, N x dims float32; header X-Iteration")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream");
        api.MapPost("/{id}/pause", (string id, ServerState s) => Act(s, id, j => j.Pause()))
            .WithSummary("Pauses the job");
        api.MapPost("/{id}/resume", (string id, ServerState s) => Act(s, id, j => j.Resume()))
            .WithSummary("Resumes the job");
        api.MapPost("/{id}/stop", (string id, ServerState s) => Act(s, id, j => j.Stop()))
            .WithSummary("Stops the job; the last layout becomes its final one");
        api.MapGet("/{id}/frames", Frames)
            .WithSummary("WebSocket: binary frames (24-byte header, then positions) and status text messages");
    }

    // Planning may read the dataset, and PCA and custom axes compute inside the request: on the work pool,
    // so that they never hold a thread-pool thread; a full pool or a full job queue is a 503.
    private static async Task<IResult> Start(ProjectionRequest request, ServerState s, WorkPool pool, HttpContext context)
    {
        var job = await pool.RunAsync(_ => s.Jobs.Start(ProjectionPlanner.Plan(request, s.Catalog, s.Jobs.Get)), context.RequestAborted).ConfigureAwait(false);
        var info = job.Info();
        return info.Status == "done" ? Results.Ok(info) : Results.Accepted($"/api/projections/{job.Id}", info);
    }

    private static JobInfo Act(ServerState s, string id, Action<ProjectionJob> action)
    {
        var job = s.Jobs.Get(id);
        action(job);
        return job.Info();
    }

    private static async Task Layout(string id, HttpContext context, ServerState s)
    {
        var job = s.Jobs.Get(id);
        var frame = job.LatestFrame ?? throw ApiProblem.NotFound($"The job '{id}' has no layout yet.");
        using var matrix = EmbeddingMatrix.FromArray(frame.Positions, frame.Points, frame.Dimensions);
        await DatasetEndpoints.WriteFloats(context, matrix, new Dictionary<string, string>
        {
            ["X-Iteration"] = frame.Iteration.ToString(CultureInfo.InvariantCulture),
            ["X-Points"] = frame.Points.ToString(CultureInfo.InvariantCulture),
            ["X-Dimensions"] = frame.Dimensions.ToString(CultureInfo.InvariantCulture),
        }).ConfigureAwait(false);
    }

    private static async Task Frames(string id, HttpContext context, ServerState s, IHostApplicationLifetime lifetime)
    {
        var job = s.Jobs.Get(id);
        if (!context.WebSockets.IsWebSocketRequest)
        {
            throw ApiProblem.BadRequest("The frames of a job come over a WebSocket; open it with new WebSocket(url).");
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            await FrameStream.SendAsync(socket, job, done.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The page closed the socket or the server is stopping.
        }
        catch (System.Net.WebSockets.WebSocketException)
        {
            // The page went away mid-message.
        }
    }
}
