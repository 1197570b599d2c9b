using System.Text.Json;
using Projector.Core.Data;
using Projector.Core.Formats.Bytes;
using Projector.Core.Formats.Metadata;
using Projector.Core.Formats.Tsv;

namespace Projector.Core.Formats.Standalone;

/// <summary>
/// Reads the standalone TF projector's <c>projector_config.json</c>: every embedding with its
/// <c>.bytes</c> or TSV tensor, metadata, sprite and bookmarks path. Paths are resolved by
/// <see cref="ConfigPath"/>. A missing metadata or sprite file is a warning; a missing tensor an error.
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
        try
        {
            foreach (var e in chosen)
            {
                result.Add(ReadEmbedding(path, folder, e, options));
            }
        }
        catch
        {
            result.ForEach(d => d.Dispose());
            throw;
        }

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
            throw new DataFormatException(path, $"is not valid JSON: {e.Message}", "Fix the JSON syntax", line: e.LineNumber + 1);
        }

        using (doc)
        {
            return StandaloneConfigJson.FromJson(path, doc.RootElement);
        }
    }

    private static Dataset ReadEmbedding(string configPath, string folder, StandaloneEmbedding e, ReadOptions options)
    {
        var warnings = new List<string>();
        if (string.IsNullOrEmpty(e.TensorPath))
        {
            throw new DataFormatException(configPath, $"embedding '{e.TensorName}' has no tensorPath", "A standalone config needs tensorPath (a .bytes or .tsv file) for every embedding");
        }

        var tensorFile = ConfigPath.Resolve(folder, e.TensorPath)
            ?? throw new DataFormatException(configPath, $"embedding '{e.TensorName}': tensor file '{e.TensorPath}' not found (tried {string.Join(", ", ConfigPath.Candidates(folder, e.TensorPath))})", "Put the file beside the config or fix tensorPath");

        var vectors = IsTsv(tensorFile)
            ? TsvVectorReader.Read(tensorFile, options)
            : ReadBytes(tensorFile, e, options, warnings);
        try
        {
            var metadata = vectors.Metadata;
            if (!string.IsNullOrEmpty(e.MetadataPath))
            {
                var metaFile = ConfigPath.Resolve(folder, e.MetadataPath);
                if (metaFile is null)
                {
                    warnings.Add($"metadata file '{e.MetadataPath}' not found; the embedding is shown without metadata");
                }
                else
                {
                    metadata = MetadataTsvReader.ReadFor(metaFile, vectors.Points, warnings, options);
                }
            }

            var sprite = e.Sprite is null ? null : SpriteFiles.Load(configPath, folder, e.Sprite.ImagePath, e.Sprite.SingleImageDim, vectors.Points, warnings);
            string? bookmarks = null;
            if (!string.IsNullOrEmpty(e.BookmarksPath))
            {
                bookmarks = ConfigPath.Resolve(folder, e.BookmarksPath);
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

    private static bool IsTsv(string file)
    {
        var ext = Path.GetExtension(file).ToLowerInvariant();
        return ext is ".tsv" or ".txt";
    }
}
