using System.Text.Json;
using Projector.Core;
using Projector.Server.Uploads;

namespace Projector.Server;

/// <summary>
/// Turns every error into <c>application/problem+json</c> with a one-sentence detail: 4xx for what
/// the caller can fix (bad parameters, bad files, malformed bodies, too large), 507 for a full state
/// folder, 500 only for a bug. A problem the caller caused is one line in the log; only a bug logs its
/// stack trace. No answer names the server's state folder. Also notes, for the uploads, which dataset
/// each request in progress uses.
/// </summary>
internal sealed class ProblemMiddleware(RequestDelegate next, ILogger<ProblemMiddleware> logger, ServerOptions options, ServerState state)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (HasNul(context.Request))
        {
            // Kestrel refuses a NUL in the path itself (400, no body); one in the query reaches here.
            await AnswerAsync(context, StatusCodes.Status400BadRequest, "The request's path or query holds a NUL character (%00), which no name or value here may contain.").ConfigureAwait(false);
            return;
        }

        // A WebSocket lives as long as the page watches a job; it never reads a dataset.
        using var request = IsWebSocket(context.Request) ? default : state.Uploads.Enter(DatasetOf(context.Request));
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away (a cancelled read or write, a reset connection); there is nobody to answer.
        }
#pragma warning disable CA1031 // Every failure becomes an answer; the server keeps serving.
        catch (Exception e) when (!context.Response.HasStarted)
#pragma warning restore CA1031
        {
            var (status, detail) = Classify(e);
            if (status >= 500)
            {
                logger.LogError(e, "{Method} {Path} failed", context.Request.Method, context.Request.Path.ToUriComponent());
            }

            await AnswerAsync(context, status, detail).ConfigureAwait(false);
        }
    }

    private async Task AnswerAsync(HttpContext context, int status, string detail)
    {
        detail = OneLine(detail).Replace(state.StateFolder, "the server's state folder", StringComparison.Ordinal);
        if (status < 500)
        {
            // One line per refused request: the malformed and the too large are worth a look, the rest (404, 422, ...) are the page's routine.
            var level = status is StatusCodes.Status400BadRequest or StatusCodes.Status413PayloadTooLarge or StatusCodes.Status415UnsupportedMediaType ? LogLevel.Warning : LogLevel.Information;
            logger.Log(level, "{Method} {Path} answered {Status}: {Detail}", context.Request.Method, context.Request.Path.ToUriComponent(), status, detail);
        }
        else if (status == StatusCodes.Status507InsufficientStorage)
        {
            logger.LogWarning("{Method} {Path} answered {Status}: {Detail}", context.Request.Method, context.Request.Path.ToUriComponent(), status, detail);
        }

        context.Response.Clear();
        await Results.Problem(detail: detail, statusCode: status).ExecuteAsync(context).ConfigureAwait(false);
    }

    private (int Status, string Detail) Classify(Exception e) => e switch
    {
        ApiProblem p => (p.Status, p.Message),
        DataFormatException f => (StatusCodes.Status400BadRequest, ServerRemedies.Describe(f)),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge, UploadForm.TooLarge(options).Message),
        InvalidDataException when e.Message.Contains("body length limit", StringComparison.OrdinalIgnoreCase) => (StatusCodes.Status413PayloadTooLarge, UploadForm.TooLarge(options).Message),
        InvalidDataException => (StatusCodes.Status400BadRequest, "The request body is not well-formed."),
        BadHttpRequestException b => (b.StatusCode, b.InnerException is JsonException j ? $"The JSON body is not valid: {j.Message}" : b.Message),
        JsonException j => (StatusCodes.Status400BadRequest, $"The JSON body is not valid: {j.Message}"),
        _ => (StatusCodes.Status500InternalServerError, "The server failed on this request; this is a bug, please report it."),
    };

    private static bool HasNul(HttpRequest request) =>
        request.Path.Value?.Contains('\0', StringComparison.Ordinal) == true
        || (request.QueryString.Value is { } query && (query.Contains("%00", StringComparison.Ordinal) || query.Contains('\0', StringComparison.Ordinal)));

    private static bool IsWebSocket(HttpRequest request) =>
        request.Headers.Upgrade.ToString().Equals("websocket", StringComparison.OrdinalIgnoreCase);

    /// <summary>The dataset id of <c>/api/datasets/{id}/...</c>, or null.</summary>
    private static string? DatasetOf(HttpRequest request)
    {
        const string Prefix = "/api/datasets/";
        var path = request.Path.Value;
        if (path is null || !path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = path[Prefix.Length..];
        var end = rest.IndexOf('/', StringComparison.Ordinal);
        return end < 0 ? rest : rest[..end];
    }

    private static string OneLine(string text) => UploadNames.OneLine(text.ReplaceLineEndings(" "));
}
