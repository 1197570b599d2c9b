using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Projector.Core.Imaging;

namespace Projector.Server.Uploads;

internal sealed partial class UploadForm
{
    /// <summary>
    /// Reads a <c>multipart/form-data</c> body of <c>image</c> files into <paramref name="folder"/> as
    /// 00000.png, 00001.jpg, ... in the order sent (so a listing sorted by name is that order), with the same
    /// limits and one-sentence refusals as an upload. Returns the names the client gave, in that order.
    /// </summary>
    /// <exception cref="ApiProblem">400 for a malformed body, an image of an unknown kind, none, or more than <paramref name="maxFiles"/>; 413, 415 as for an upload.</exception>
    public static async Task<IReadOnlyList<string>> ReadImagesAsync(HttpRequest request, string folder, int maxFiles, ServerOptions options, CancellationToken cancellationToken)
    {
        var reader = new MultipartReader(Boundary(request.ContentType), request.Body)
        {
            HeadersCountLimit = MaxHeadersCount,
            HeadersLengthLimit = MaxHeadersLength,
            BodyLengthLimit = options.MaxUploadBytes,
        };
        var names = new List<string>();
        while (await Read(() => reader.ReadNextSectionAsync(cancellationToken), options, cancellationToken).ConfigureAwait(false) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition())
            {
                throw ApiProblem.BadRequest("Every part of the body must be an 'image' file (Content-Disposition: form-data; name=\"image\"; filename=...).");
            }

            if (HeaderUtilities.RemoveQuotes(disposition.Name).ToString() != "image")
            {
                await Copy(section.Body, Stream.Null, options, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (names.Count == maxFiles)
            {
                throw ApiProblem.BadRequest($"The body has more than {maxFiles} images; send at most {maxFiles} at a time.");
            }

            var given = UploadNames.Given(disposition.FileNameStar.HasValue ? disposition.FileNameStar.ToString() : HeaderUtilities.RemoveQuotes(disposition.FileName).ToString());
            var extension = Path.GetExtension(given).ToLowerInvariant();
            if (!ImageFile.HasImageExtension("x" + extension))
            {
                throw ApiProblem.BadRequest($"'{given}' does not have the extension of an image file this server reads (.png, .jpg, ...).");
            }

            await Save(section, Path.Combine(folder, $"{names.Count:D5}{extension}"), given, options, cancellationToken).ConfigureAwait(false);
            names.Add(given);
        }

        return names.Count > 0 ? names : throw ApiProblem.BadRequest("The body has no 'image' file.");
    }
}
