using System.Text.Json;
using Projector.Core.Data;
using Projector.Core.Formats.Bytes;
using Projector.Core.Formats.Metadata;
using Projector.Core.Formats.Tsv;

namespace Projector.Core.Formats.Standalone;

/// <summary>
/// Reads the standalone TF projector's <c>projector_config.json</c>: every embedding with its
/// <c>.bytes</c> or TSV tensor, metadata, sprite and bookmarks path. Paths are resolved by
/// <see cref="ConfigPath"/> (also against the page's folder, an ancestor of the config, up to
/// <see cref="ReadOptions.ConfigRoot"/>). A missing metadata or sprite file is a warning. An embedding
/// whose tensor cannot be read is left out with a warning, as the TF page shows the embeddings that load;
/// only when none loads is it an error, listing each cause.
/// </summary>
public static class StandaloneConfigReader
{
    /// <summary>Reads every embedding of the config (or only <see cref="ReadOptions.TensorName"/> when set).</summary>
    public static IReadOnlyList<Dataset> Read(string path, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = Parse(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var chosen = config.Embeddings;
        if (options.TensorName is { } wanted)
        {
            chosen = [.. chosen.Where(e => e.TensorName == wanted)];
            if (chosen.Count == 0)
            {
                throw new DataFormatException(path, $"has no embedding named '{wanted}'", $"Choose one of: {string.Join(", ", config.Embeddings.Select(e => e.TensorName))}");
            }
        }

        var result = new List<Dataset>();
        var skipped = new List<string>();
        try
        {
            foreach (var e in chosen)
            {
                try
                {
                    result.Add(ReadEmbedding(path, folder, e, options));
                }
                catch (DataFormatException failure) when (chosen.Count > 1)
                {
                    skipped.Add($"embedding '{e.TensorName}' left out: {failure.Message}");
                }
            }
        }
        catch
        {
            result.ForEach(d => d.Dispose());
            throw;
        }

        if (result.Count == 0)
        {
            throw new DataFormatException(path, $"none of its {chosen.Count} embeddings could be read: {string.Join("; ", skipped)}", "Fix the paths in the config or put the files where it says");
        }

        result[0].Warnings.AddRange(skipped);
        return result;
    }

    /// <summary>Parses the JSON without reading any of the files it names.</summary>
    public static StandaloneConfig Parse(string path)
    {
        using var stream = FileOpen.Read(path);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new DataFormatException(path, $"is not valid JSON: {LibraryMessage.Of(e)}", "Fix the JSON syntax", line: e.LineNumber + 1);
        }

        using (doc)
        {
            try
            {
                return StandaloneConfigJson.FromJson(path, doc.RootElement);
            }
            catch (InvalidOperationException e)
            {
                // System.Text.Json validates UTF-8 only when a string is read: a config with a broken byte sequence ends here.
                throw new DataFormatException(path, $"is not valid UTF-8 JSON ({LibraryMessage.Of(e)})", "Save the config as UTF-8", inner: e);
            }
        }
    }

    private static Dataset ReadEmbedding(string configPath, string folder, StandaloneEmbedding e, ReadOptions options)
    {
        var warnings = new List<string>();
        if (string.IsNullOrEmpty(e.TensorPath))
        {
            throw new DataFormatException(configPath, $"embedding '{e.TensorName}' has no tensorPath", "A standalone config needs tensorPath (a .bytes or .tsv file) for every embedding");
        }

        var root = options.ConfigRoot;
        var tensorFile = Locate(folder, e.TensorPath, root, "tensor", warnings)
            ?? throw new DataFormatException(configPath, $"embedding '{e.TensorName}': tensor file '{e.TensorPath}' not found ({ConfigPath.Tried(folder, e.TensorPath, root)})", "Put the file beside the config or fix tensorPath");

        var vectors = IsTsv(tensorFile)
            ? TsvVectorReader.Read(tensorFile, options)
            : ReadBytes(tensorFile, e, options, warnings);
        try
        {
            var metadata = vectors.Metadata;
            if (!string.IsNullOrEmpty(e.MetadataPath))
            {
                var metaFile = Locate(folder, e.MetadataPath, root, "metadata", warnings);
                if (metaFile is null)
                {
                    warnings.Add($"metadata file '{e.MetadataPath}' not found; the embedding is shown without metadata");
                }
                else
                {
                    metadata = MetadataTsvReader.ReadFor(metaFile, vectors.Points, warnings, options);
                }
            }

            var sprite = e.Sprite is null ? null : SpriteFiles.Load(configPath, folder, e.Sprite.ImagePath, e.Sprite.SingleImageDim, vectors.Points, warnings, root);
            string? bookmarks = null;
            if (!string.IsNullOrEmpty(e.BookmarksPath))
            {
                bookmarks = Locate(folder, e.BookmarksPath, root, "bookmarks", warnings);
                if (bookmarks is null)
                {
                    warnings.Add($"bookmarks file '{e.BookmarksPath}' not found");
                }
            }

            return new Dataset(e.TensorName, vectors.Matrix, metadata, sprite, tensorFile, vectors.SourceDType, [.. vectors.Warnings, .. warnings])
            {
                BookmarksPath = bookmarks,
            };
        }
        catch
        {
            vectors.Dispose();
            throw;
        }
    }

    private static Dataset ReadBytes(string file, StandaloneEmbedding e, ReadOptions options, List<string> warnings)
    {
        if (e.TensorShape is not [var n, var d])
        {
            throw new DataFormatException(file, $"embedding '{e.TensorName}' needs tensorShape [points, dimensions] to read raw float32", "Add tensorShape to the config");
        }

        // The TF page shows as many whole rows as the file holds and warns when that is fewer than the shape says.
        var size = FileOpen.Size(file);
        var rowBytes = (long)d * sizeof(float);
        var available = size / rowBytes;
        if (size % rowBytes == 0 && available != n)
        {
            warnings.Add(available < n
                ? $"tensorShape says {n} points but {Path.GetFileName(file)} holds {available}; showing {available}"
                : $"{Path.GetFileName(file)} holds {available} points but tensorShape says {n}; using the first {n}");
            n = (int)Math.Min(n, available);
            if (available > n)
            {
                return ReadPrefix(file, n, d, options);
            }
        }

        return BytesReader.Read(file, options with { Shape = (size % rowBytes == 0 ? 0 : n, d) });
    }

    private static Dataset ReadPrefix(string file, int rows, int dims, ReadOptions options)
    {
        var matrix = EmbeddingMatrix.MapFile(file, 0, rows, dims);
        NonFiniteCheck.Ensure(file, matrix, options, offsetOfValue: (r, c) => (((long)r * dims) + c) * sizeof(float));
        return new Dataset(Path.GetFileNameWithoutExtension(file), matrix, source: file);
    }

    // A file found elsewhere than the path as written is used, and the user is told which.
    private static string? Locate(string folder, string raw, string? root, string what, List<string> warnings)
    {
        var (file, asWritten) = ConfigPath.Locate(folder, raw, root);
        if (file is not null && !asWritten)
        {
            warnings.Add($"{what} '{raw}' is not beside the config as written; using {Path.GetRelativePath(root ?? folder, file)}, the file of that name beside it");
        }

        return file;
    }

    private static bool IsTsv(string file)
    {
        var ext = Path.GetExtension(file).ToLowerInvariant();
        return ext is ".tsv" or ".txt";
    }
}
