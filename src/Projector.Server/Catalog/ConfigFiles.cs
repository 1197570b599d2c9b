using Projector.Core.Formats;
using Projector.Core.Formats.Standalone;
using Projector.Core.Formats.TensorBoard;

namespace Projector.Server.Catalog;

/// <summary>
/// The files the configs of an input name (tensors, metadata, sprites, bookmarks, checkpoints),
/// resolved as the readers resolve them, so an input opened by a caller can be refused when a config
/// in it points outside the served folders.
/// </summary>
internal static class ConfigFiles
{
    public static IEnumerable<string> Named(string input)
    {
        var configs = Directory.Exists(input) ? DatasetReader.FindConfigs(input)
            : File.Exists(input) && input.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? [input]
            : [];
        var root = Directory.Exists(input) ? input : null;
        foreach (var config in configs)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(config))!;
            StandaloneConfig parsed;
            try
            {
                parsed = StandaloneConfigReader.Parse(config);
            }
            catch (Core.DataFormatException) when (configs.Count > 1)
            {
                // A broken config names no file; the catalog lists it with its reason.
                continue;
            }

            foreach (var e in parsed.Embeddings)
            {
                foreach (var raw in new[] { e.TensorPath, e.MetadataPath, e.BookmarksPath, e.Sprite?.ImagePath })
                {
                    if (!string.IsNullOrEmpty(raw) && ConfigPath.Resolve(folder, raw, root) is { } file)
                    {
                        yield return file;
                    }
                }
            }
        }

        var logRoot = Directory.Exists(input) ? input
            : Path.GetFileName(input) == LogDirScanner.ConfigName ? Path.GetDirectoryName(Path.GetFullPath(input))
            : null;
        if (configs.Count > 0 || logRoot is null || !LogDirScanner.LooksLikeLogDir(logRoot))
        {
            yield break;
        }

        foreach (var run in LogDirScanner.Scan(logRoot))
        {
            foreach (var checkpoint in run.Checkpoints)
            {
                yield return checkpoint.Prefix + ".index";
            }

            foreach (var e in run.Config.Embeddings)
            {
                foreach (var raw in new[] { e.TensorPath, e.MetadataPath, e.BookmarksPath, e.Sprite?.ImagePath })
                {
                    if (!string.IsNullOrEmpty(raw) && ConfigPath.Resolve(run.Folder, raw) is { } file)
                    {
                        yield return file;
                    }
                }
            }
        }
    }
}
