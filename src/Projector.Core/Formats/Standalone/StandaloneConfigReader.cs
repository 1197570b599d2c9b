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
        using var confined = FileConfinement.Enter(options.Confinement);
        var result = ReadConfined(path, options);
        confined?.Report(result);
        return result;
    }

    private static List<Dataset> ReadConfined(string path, ReadOptions options)
    {
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
        var remote = ConfigPath.IsRemote(e.TensorPath);
        var tensorFile = Locate(configPath, folder, e.TensorPath, root, "tensor", warnings)
            ?? throw (remote
                ? new DataFormatException(configPath, $"embedding '{e.TensorName}': tensor '{e.TensorPath}' is remote and no local copy of it was found ({ConfigPath.Tried(folder, e.TensorPath, root)})", $"Download it to {DownloadTarget(folder, e.TensorPath)}; projector never fetches from the network")
                : new DataFormatException(configPath, $"embedding '{e.TensorName}': tensor file '{e.TensorPath}' not found ({ConfigPath.Tried(folder, e.TensorPath, root)})", "Put the file beside the config or fix tensorPath"));

        var vectors = IsTsv(tensorFile)
            ? TsvVectorReader.Read(tensorFile, options)
            : ReadBytes(configPath, tensorFile, e, options);
        if (e.TensorShape is [var declaredRows, var declaredColumns] && (vectors.Points != declaredRows || vectors.Dimensions != declaredColumns))
        {
            vectors.Dispose();
            throw ShapeMismatch(configPath, tensorFile, e, remote, $"[{vectors.Points}, {vectors.Dimensions}]");
        }

        try
        {
            var metadata = vectors.Metadata;
            if (!string.IsNullOrEmpty(e.MetadataPath))
            {
                var metaFile = Locate(configPath, folder, e.MetadataPath, root, "metadata", warnings);
                if (metaFile is null)
                {
                    warnings.Add(ConfigPath.IsRemote(e.MetadataPath)
                        ? $"metadata '{e.MetadataPath}' is remote and no local copy was found; the embedding is shown without metadata (download it to {DownloadTarget(folder, e.MetadataPath)})"
                        : $"metadata file '{e.MetadataPath}' not found; the embedding is shown without metadata");
                }
                else
                {
                    metadata = MetadataTsvReader.ReadFor(metaFile, vectors.Points, warnings, options);
                }
            }

            var sprite = e.Sprite is null || MissingRemote(configPath, folder, e.Sprite.ImagePath, root, "sprite", warnings) ? null : SpriteFiles.Load(configPath, folder, e.Sprite.ImagePath, e.Sprite.SingleImageDim, vectors.Points, warnings, root);
            string? bookmarks = null;
            if (!string.IsNullOrEmpty(e.BookmarksPath))
            {
                bookmarks = Locate(configPath, folder, e.BookmarksPath, root, "bookmarks", warnings);
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

    // A .bytes file holds exactly tensorShape's float32 values. More or fewer is refused, as the TF page's
    // loader would otherwise show a prefix or a different row width: a picture that looks fine and is wrong.
    private static Dataset ReadBytes(string configPath, string file, StandaloneEmbedding e, ReadOptions options)
    {
        if (e.TensorShape is not [var n, var d])
        {
            throw new DataFormatException(file, $"embedding '{e.TensorName}' needs tensorShape [points, dimensions] to read raw float32", "Add tensorShape to the config");
        }

        var size = FileOpen.Size(file);
        var rowBytes = (long)d * sizeof(float);
        if ((Int128)size != (Int128)n * rowBytes)
        {
            var held = size % rowBytes == 0
                ? $"[{size / rowBytes}, {d}] ({size} bytes)"
                : $"{size} bytes, not a whole number of {d}-value float32 rows";
            throw ShapeMismatch(configPath, file, e, ConfigPath.IsRemote(e.TensorPath ?? ""), held);
        }

        return BytesReader.Read(file, options with { Shape = (n, d) });
    }

    private static DataFormatException ShapeMismatch(string configPath, string file, StandaloneEmbedding e, bool remote, string held)
    {
        var declared = $"[{string.Join(", ", e.TensorShape!)}]";
        var problem = $"embedding '{e.TensorName}': the config's tensorShape is {declared} but {Path.GetFileName(file)} holds {held}";
        return remote
            ? new DataFormatException(configPath, $"{problem}; the tensor is remote ({e.TensorPath}) and this local file is not a copy of it", $"Download {e.TensorPath} to {file}")
            : new DataFormatException(configPath, problem, $"Set tensorShape to the tensor's true [points, dimensions] in a copy of the config, or give the file it was written for");
    }

    // A remote sprite with no local copy is a warning that says where to put one.
    private static bool MissingRemote(string configPath, string folder, string raw, string? root, string what, List<string> warnings)
    {
        if (!ConfigPath.IsRemote(raw))
        {
            return false;
        }

        if (Locate(configPath, folder, raw, root, what, warnings) is not null)
        {
            return false;
        }

        warnings.Add($"{what} '{raw}' is remote and no local copy was found; points are shown without images (download it to {DownloadTarget(folder, raw)})");
        return true;
    }

    private static string DownloadTarget(string folder, string url) =>
        ConfigPath.Candidates(folder, url).LastOrDefault() ?? folder;

    // A file found elsewhere than the path as written is used, and the user is told which.
    private static string? Locate(string configPath, string folder, string raw, string? root, string what, List<string> warnings)
    {
        var (file, asWritten) = ConfigPath.Locate(folder, raw, root, configPath);
        if (file is not null && ConfigPath.IsRemote(raw))
        {
            warnings.Add($"{what} '{raw}' is remote (projector never fetches); using the local copy {Path.GetRelativePath(root ?? folder, file)}");
        }
        else if (file is not null && !asWritten)
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
