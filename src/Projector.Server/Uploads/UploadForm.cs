using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Projector.Server.Uploads;

/// <summary>
/// The parts of a <c>multipart/form-data</c> upload, read section by section as they arrive: the
/// <c>tensor</c> and <c>metadata</c> files go straight into a staging folder of the state folder (never
/// into memory or the system's temporary folder), the <c>shape</c> and <c>name</c> fields are short
/// text. Limits on parts, headers and fields keep a hostile body cheap, and a body that is not
/// well-formed multipart is a 400 with one sentence rather than a failure of the server.
/// </summary>
internal sealed partial class UploadForm
{
    /// <summary>Parts an upload may have (it takes four).</summary>
    public const int MaxParts = 16;

    /// <summary>Headers of one part.</summary>
    public const int MaxHeadersCount = 16;

    /// <summary>Bytes of one part's headers (a field or file name longer than this is refused).</summary>
    public const int MaxHeadersLength = 8 * 1024;

    /// <summary>Characters of a text field (<c>shape</c>, <c>name</c>).</summary>
    public const int MaxFieldLength = 1024;

    /// <summary>The longest boundary RFC 2046 allows.</summary>
    public const int MaxBoundaryLength = 70;

    /// <summary>The name the tensor file is saved under, with the extension of the client's file.</summary>
    public const string TensorStem = "tensor";

    /// <summary>The name the metadata file is saved under.</summary>
    public const string MetadataFileName = "metadata.tsv";

    private const string Fields = "it takes a 'tensor' file, a 'metadata' file, a 'shape' and a 'name'";

    private UploadForm()
    {
    }

    /// <summary>The tensor file, if the body had one.</summary>
    public UploadFile? Tensor { get; private set; }

    /// <summary>The metadata file, if the body had one.</summary>
    public UploadFile? Metadata { get; private set; }

    /// <summary>The <c>shape</c> field, or empty.</summary>
    public string Shape { get; private set; } = string.Empty;

    /// <summary>The <c>name</c> field, or empty.</summary>
    public string Name { get; private set; } = string.Empty;

    /// <summary>Bytes of the files saved.</summary>
    public long Bytes => (Tensor?.Length ?? 0) + (Metadata?.Length ?? 0);

    /// <summary>The same limits for any form the framework reads (no endpoint does today).</summary>
    public static void Configure(FormOptions form, ServerOptions options)
    {
        form.MultipartBodyLengthLimit = options.MaxUploadBytes;
        form.ValueCountLimit = MaxParts;
        form.KeyLengthLimit = MaxFieldLength;
        form.ValueLengthLimit = MaxFieldLength;
        form.MultipartHeadersCountLimit = MaxHeadersCount;
        form.MultipartHeadersLengthLimit = MaxHeadersLength;
        form.MultipartBoundaryLengthLimit = MaxBoundaryLength;
        form.BufferBody = false;
    }

    /// <summary>Reads the body of <paramref name="request"/>, saving its files into <paramref name="folder"/>.</summary>
    /// <param name="request">A <c>multipart/form-data</c> request.</param>
    /// <param name="folder">An empty staging folder.</param>
    /// <param name="tensorExtensions">The extensions a tensor file may have (lower case, with the dot).</param>
    /// <param name="options">The server's limits.</param>
    /// <param name="cancellationToken">The request's abort.</param>
    /// <exception cref="ApiProblem">400 for a malformed body, 413 for one too large, 415 for one that is not multipart.</exception>
    public static async Task<UploadForm> ReadAsync(HttpRequest request, string folder, IReadOnlyCollection<string> tensorExtensions, ServerOptions options, CancellationToken cancellationToken)
    {
        var boundary = Boundary(request.ContentType);
        var reader = new MultipartReader(boundary, request.Body)
        {
            HeadersCountLimit = MaxHeadersCount,
            HeadersLengthLimit = MaxHeadersLength,
            BodyLengthLimit = options.MaxUploadBytes,
        };
        var form = new UploadForm();
        for (var parts = 1; ; parts++)
        {
            var section = await Read(() => reader.ReadNextSectionAsync(cancellationToken), options, cancellationToken).ConfigureAwait(false);
            if (section is null)
            {
                return form;
            }

            if (parts > MaxParts)
            {
                throw ApiProblem.BadRequest($"The upload has more than {MaxParts} parts; {Fields}.");
            }

            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
            {
                throw ApiProblem.BadRequest("A part of the upload has no 'Content-Disposition: form-data' header with its name.");
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).ToString();
            var fileName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.ToString() : HeaderUtilities.RemoveQuotes(disposition.FileName).ToString();
            var isFile = disposition.IsFileDisposition();
            switch (name)
            {
                case "tensor":
                    form.Tensor = form.Tensor is null
                        ? await SaveTensor(section, folder, isFile ? UploadNames.Given(fileName) : null, tensorExtensions, options, cancellationToken).ConfigureAwait(false)
                        : throw ApiProblem.BadRequest("The upload has more than one 'tensor' file.");
                    break;
                case "metadata":
                    form.Metadata = form.Metadata is null
                        ? await Save(section, Path.Combine(folder, MetadataFileName), Given(isFile, fileName, "metadata", MetadataFileName), options, cancellationToken).ConfigureAwait(false)
                        : throw ApiProblem.BadRequest("The upload has more than one 'metadata' file.");
                    break;
                case "shape":
                    form.Shape = await Text(section, "shape", options, cancellationToken).ConfigureAwait(false);
                    break;
                case "name":
                    form.Name = UploadNames.OneLine(await Text(section, "name", options, cancellationToken).ConfigureAwait(false)).Trim();
                    break;
                default:
                    // Unknown parts are read past (the body limit still counts them), as forms may carry more.
                    await Copy(section.Body, Stream.Null, options, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    private static string Boundary(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiProblem(StatusCodes.Status415UnsupportedMediaType, "Upload the tensor as multipart/form-data with a 'tensor' file.");
        }

        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).ToString();
        if (string.IsNullOrWhiteSpace(boundary))
        {
            throw ApiProblem.BadRequest("The multipart/form-data body has no boundary in its Content-Type, so its parts cannot be told apart.");
        }

        return boundary.Length <= MaxBoundaryLength
            ? boundary
            : throw ApiProblem.BadRequest($"The multipart boundary is longer than the {MaxBoundaryLength} characters multipart allows.");
    }

    private static string Given(bool isFile, string fileName, string field, string fallback) =>
        isFile ? (UploadNames.Given(fileName) is { Length: > 0 } given ? given : fallback) : throw ApiProblem.BadRequest($"The '{field}' part of the upload must be a file (with a filename).");

    private static Task<UploadFile> SaveTensor(MultipartSection section, string folder, string? given, IReadOnlyCollection<string> extensions, ServerOptions options, CancellationToken cancellationToken)
    {
        if (given is null)
        {
            throw ApiProblem.BadRequest("The 'tensor' part of the upload must be a file (with a filename).");
        }

        var ext = Path.GetExtension(given).ToLowerInvariant();
        if (!extensions.Contains(ext))
        {
            throw ApiProblem.BadRequest($"The tensor file '{given}' is not one of {string.Join(", ", extensions)}.");
        }

        return Save(section, Path.Combine(folder, TensorStem + ext), given, options, cancellationToken);
    }

    private static async Task<UploadFile> Save(MultipartSection section, string path, string given, ServerOptions options, CancellationToken cancellationToken)
    {
        var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using (output.ConfigureAwait(false))
        {
            var length = await Copy(section.Body, output, options, cancellationToken).ConfigureAwait(false);
            return new UploadFile(path, given, length);
        }
    }

    private static async Task<string> Text(MultipartSection section, string field, ServerOptions options, CancellationToken cancellationToken)
    {
        var bytes = new MemoryStream();
        var limit = (MaxFieldLength * 4) + 1;
        var buffer = new byte[4096];
        while (true)
        {
            var n = await Read(() => section.Body.ReadAsync(buffer, cancellationToken), options, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            bytes.Write(buffer, 0, n);
            if (bytes.Length > limit)
            {
                break;
            }
        }

        var text = Encoding.UTF8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length);
        return text.Length <= MaxFieldLength
            ? text
            : throw ApiProblem.BadRequest($"The upload's '{field}' field is longer than {MaxFieldLength} characters.");
    }

    private static async Task<long> Copy(Stream from, Stream to, ServerOptions options, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            var total = 0L;
            while (true)
            {
                var n = await Read(() => from.ReadAsync(buffer.AsMemory(), cancellationToken), options, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    return total;
                }

                await to.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                total += n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A read of the body, whose failures (not the server's) become a 400 or 413 with one sentence.</summary>
    private static async Task<T> Read<T>(Func<ValueTask<T>> read, ServerOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && Malformed(e, options) is { } problem)
        {
            throw problem;
        }
    }

    private static Task<T> Read<T>(Func<Task<T>> read, ServerOptions options, CancellationToken cancellationToken) =>
        Read(() => new ValueTask<T>(read()), options, cancellationToken);

    private static ApiProblem? Malformed(Exception e, ServerOptions options) => e switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => TooLarge(options),
        InvalidDataException when e.Message.Contains("body length limit", StringComparison.OrdinalIgnoreCase) => TooLarge(options),
        BadHttpRequestException => ApiProblem.BadRequest($"The upload's body could not be read: {UploadNames.OneLine(e.Message)}"),
        InvalidDataException when e.Message.Contains("headers length limit", StringComparison.OrdinalIgnoreCase) =>
            ApiProblem.BadRequest($"A part of the upload has headers longer than {MaxHeadersLength / 1024} KB (a field or file name that long?)."),
        InvalidDataException when e.Message.Contains("headers count limit", StringComparison.OrdinalIgnoreCase) =>
            ApiProblem.BadRequest($"A part of the upload has more than {MaxHeadersCount} headers."),
        InvalidDataException => ApiProblem.BadRequest("The upload is not valid multipart/form-data: a part's headers are malformed."),
        IOException => ApiProblem.BadRequest("The upload is not valid multipart/form-data: the body ends before the closing boundary its Content-Type names."),
        _ => null,
    };

    /// <summary>The 413 of an upload over <c>--max-upload-mb</c>.</summary>
    public static ApiProblem TooLarge(ServerOptions options) =>
        ApiProblem.TooLarge($"The upload is larger than the limit of {options.MaxUploadMegabytes} MB; start the server with a larger --max-upload-mb.");
}

/// <summary>A file of an upload, saved.</summary>
/// <param name="Path">Where it was saved.</param>
/// <param name="GivenName">Its name as the client sent it.</param>
/// <param name="Length">Its bytes.</param>
internal sealed record UploadFile(string Path, string GivenName, long Length);
