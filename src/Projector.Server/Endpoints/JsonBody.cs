using Microsoft.AspNetCore.Http.Features;

namespace Projector.Server.Endpoints;

/// <summary>Reads a small JSON request body with a size limit of its own, below the server's upload limit.</summary>
internal static class JsonBody
{
    /// <summary>
    /// The body as <typeparamref name="T"/>; 413 past <paramref name="maxBytes"/> (told by Content-Length or
    /// found while reading), 415 when it is not JSON. <paramref name="what"/> names it in the sentence: "A bookmark".
    /// </summary>
    public static async Task<T?> ReadAsync<T>(HttpContext context, int maxBytes, string what)
    {
        var tooLarge = $"{what} may be at most {maxBytes >> 20} MB.";
        if (context.Request.ContentLength > maxBytes)
        {
            throw new ApiProblem(StatusCodes.Status413PayloadTooLarge, tooLarge);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        try
        {
            return await context.Request.ReadFromJsonAsync<T>(ServerJson.Options, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new ApiProblem(StatusCodes.Status413PayloadTooLarge, tooLarge);
        }
        catch (InvalidOperationException)
        {
            throw new ApiProblem(StatusCodes.Status415UnsupportedMediaType, $"Send {what.ToLowerInvariant()} as application/json.");
        }
    }
}
