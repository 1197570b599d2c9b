using System.Text.Json;
using Projector.Core;

namespace Projector.Server;

/// <summary>
/// Turns every error into <c>application/problem+json</c> with a one-sentence detail: 4xx for what
/// the caller can fix (bad parameters, bad files, too large), 500 only for a bug, never a stack trace.
/// </summary>
internal sealed class ProblemMiddleware(RequestDelegate next, ILogger<ProblemMiddleware> logger, ServerOptions options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; there is nobody to answer.
        }
#pragma warning disable CA1031 // Every failure becomes an answer; the server keeps serving.
        catch (Exception e) when (!context.Response.HasStarted)
#pragma warning restore CA1031
        {
            var (status, detail) = Classify(e);
            if (status >= 500)
            {
                logger.LogError(e, "Request {Path} failed", context.Request.Path);
            }

            context.Response.Clear();
            await Results.Problem(detail: detail, statusCode: status).ExecuteAsync(context).ConfigureAwait(false);
        }
    }

    private (int Status, string Detail) Classify(Exception e) => e switch
    {
        ApiProblem p => (p.Status, p.Message),
        DataFormatException f => (StatusCodes.Status400BadRequest, ServerRemedies.Describe(f)),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => TooLarge(),
        InvalidDataException when e.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase) => TooLarge(),
        BadHttpRequestException b => (b.StatusCode, OneLine(b.InnerException is JsonException j ? $"The JSON body is not valid: {j.Message}" : b.Message)),
        JsonException j => (StatusCodes.Status400BadRequest, OneLine($"The JSON body is not valid: {j.Message}")),
        _ => (StatusCodes.Status500InternalServerError, "The server failed on this request; this is a bug, please report it."),
    };

    private (int, string) TooLarge() =>
        (StatusCodes.Status413PayloadTooLarge, $"The upload is larger than the limit of {options.MaxUploadMegabytes} MB; start the server with a larger --max-upload-mb.");

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
